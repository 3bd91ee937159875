/** Shared by the manifest tests: the project's files, damaged copies of assets/, one-place edits. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";

export const ROOT = resolve(__dirname, "../../../..");
export const ASSETS = join(ROOT, "assets");
export const ORIGIN = "https://localhost:3000";

const tempDirs: string[] = [];

/** A copy of assets/ (as `<temp>/assets`) that a test may damage; removed after each test. */
export function copyOfAssets(): string {
  const root = mkdtempSync(join(tmpdir(), "bjn-assets-"));
  tempDirs.push(root);
  const dir = join(root, "assets");
  mkdirSync(dir);
  for (const name of readdirSync(ASSETS)) copyFileSync(join(ASSETS, name), join(dir, name));
  return dir;
}

/** An empty temporary folder, removed after each test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "bjn-manifest-"));
  tempDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Replaces exactly one occurrence, so a test fails loudly if the manifest changes shape. */
export function mutate(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected one match of ${from}, found ${count}`);
  return text.replace(from, to);
}

/** Writes a size x size PNG filled with one RGBA colour. */
export function writePng(file: string, size: number, rgba: [number, number, number, number]): void {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) png.data.set(rgba, i * 4);
  writeFileSync(file, PNG.sync.write(png));
}

/** The nested VersionOverridesV1_1 starts here: mutations meant for it alone apply from this point. */
export const INNER_VERSION_OVERRIDES =
  'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1"';

/** `mutate` on the nested VersionOverridesV1_1 only (the outer V1_0 repeats some of its markup). */
export function mutateInner(text: string, from: string, to: string): string {
  const at = text.indexOf(INNER_VERSION_OVERRIDES);
  if (at < 0) throw new Error("no VersionOverridesV1_1 in the manifest");
  return text.slice(0, at) + mutate(text.slice(at), from, to);
}
