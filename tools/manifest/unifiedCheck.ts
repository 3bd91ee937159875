/**
 * The unified-manifest half of `npm run validate` / `validate:dist`, run after the XML checks.
 *
 * - Beside a built manifest.xml (dist/) there must be the manifest.json the build wrote: it is
 *   validated, and compared with what manifest.xml gives now, so a hand edit or a stale build shows;
 *   and the app package (bluejeans-for-outlook.zip) must hold exactly that manifest.json and its icons.
 * - Beside the source manifest.xml there is none: it is made in memory from the XML and validated.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { APP_PACKAGE, packageFiles, readAppPackage } from "./appPackage";
import type { Problem } from "./validateManifest";
import { ManifestConversionError, buildUnifiedManifest, type UnifiedManifest } from "./unifiedManifest";
import { firstDifference, validateUnifiedManifest } from "./validateUnified";

export interface UnifiedCheckResult {
  /** Which manifest.json was checked: a file, or "(made from manifest.xml)". */
  label: string;
  problems: Problem[];
}

/**
 * The add-in's Entra client ID for webApplicationInfo: ADDIN_CLIENT_ID (as the server reads it), else
 * `clientId` of the pane's configuration (ADDIN_CONFIG_FILE, default config/addin-config.json).
 */
export function configuredClientId(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env["ADDIN_CLIENT_ID"]?.trim() ?? "";
  if (fromEnv !== "") return fromEnv;
  const file = resolve(root, env["ADDIN_CONFIG_FILE"] ?? "config/addin-config.json");
  if (!existsSync(file)) return "";
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  const clientId =
    typeof parsed === "object" && parsed !== null ? (parsed as { clientId?: unknown }).clientId : undefined;
  return typeof clientId === "string" ? clientId.trim() : "";
}

export function checkUnifiedManifest(
  xmlPath: string,
  xml: string,
  options: { assetDir: string; origin: string; root: string },
): UnifiedCheckResult {
  const dir = dirname(resolve(xmlPath));
  const jsonPath = join(dir, "manifest.json");
  const validateOptions = { assetDir: options.assetDir, origin: options.origin, packageDir: dir };

  if (!existsSync(jsonPath)) {
    const label = "manifest.json (made from manifest.xml)";
    try {
      const made = buildUnifiedManifest(xml, { clientId: configuredClientId(options.root) });
      return { label, problems: validateUnifiedManifest(made, validateOptions) };
    } catch (error) {
      return { label, problems: [{ path: "/", message: conversionMessage(error) }] };
    }
  }

  let built: unknown;
  const jsonText = readFileSync(jsonPath, "utf8");
  try {
    built = JSON.parse(jsonText);
  } catch (error) {
    return {
      label: jsonPath,
      problems: [{ path: "/", message: `not valid JSON: ${conversionMessage(error)}` }],
    };
  }
  const problems = validateUnifiedManifest(built, validateOptions);
  // Made again from the XML beside it, with the same Entra app (the one input the XML lacks).
  const info = (built as Partial<UnifiedManifest>).webApplicationInfo;
  try {
    const expected = buildUnifiedManifest(xml, { clientId: info?.id ?? "" });
    const diff = firstDifference(built, expected);
    if (diff !== undefined) {
      problems.push({
        path: diff,
        message: "differs from what manifest.xml gives: rebuild instead of editing manifest.json",
      });
    }
  } catch (error) {
    problems.push({ path: "/", message: conversionMessage(error) });
  }
  problems.push(...checkAppPackage(dir, jsonText));
  return { label: jsonPath, problems };
}

/** The zip beside manifest.json holds exactly it and the icons it names, byte for byte. */
export function checkAppPackage(dir: string, jsonText: string): Problem[] {
  const zipPath = join(dir, APP_PACKAGE);
  if (!existsSync(zipPath))
    return [{ path: "/", message: `${APP_PACKAGE} is missing beside manifest.json: rebuild` }];
  let files: Map<string, Buffer>;
  try {
    files = readAppPackage(readFileSync(zipPath));
  } catch (error) {
    return [{ path: "/", message: `${APP_PACKAGE} is not a zip: ${conversionMessage(error)}` }];
  }
  const problems: Problem[] = [];
  const expected = packageFiles(jsonText);
  for (const file of expected) {
    const inZip = files.get(file);
    const onDisk =
      file === "manifest.json" ? Buffer.from(jsonText, "utf8") : readIfThere(join(dir, ...file.split("/")));
    if (inZip === undefined) problems.push({ path: "/", message: `${APP_PACKAGE} lacks ${file}` });
    else if (onDisk === undefined || !inZip.equals(onDisk)) {
      problems.push({
        path: "/",
        message: `${file} in ${APP_PACKAGE} differs from the one beside it: rebuild`,
      });
    }
  }
  for (const file of files.keys()) {
    if (!expected.includes(file))
      problems.push({
        path: "/",
        message: `${APP_PACKAGE} holds ${file}, which manifest.json does not name`,
      });
  }
  return problems;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function conversionMessage(error: unknown): string {
  if (error instanceof ManifestConversionError || error instanceof Error) return error.message;
  return String(error);
}
