/**
 * The app package an admin uploads for the unified manifest: a zip holding manifest.json and the
 * two package icons it names (`icons.color`, `icons.outline`), at those paths.
 */
import AdmZip from "adm-zip";

export const APP_PACKAGE = "bluejeans-for-outlook.zip";

/** The files the package must hold for this manifest: manifest.json and its package icons. */
export function packageFiles(manifestText: string): string[] {
  const manifest = JSON.parse(manifestText) as { icons?: { color?: unknown; outline?: unknown } };
  const icons = [manifest.icons?.color, manifest.icons?.outline].filter(
    (path): path is string => typeof path === "string" && path !== "",
  );
  return ["manifest.json", ...icons];
}

/** Zips manifest.json with its icons; `read` gives a file's bytes by its path in the package. */
export function buildAppPackage(manifestText: string, read: (path: string) => Buffer): Buffer {
  const zip = new AdmZip();
  for (const path of packageFiles(manifestText)) {
    zip.addFile(path, path === "manifest.json" ? Buffer.from(manifestText, "utf8") : read(path));
  }
  return zip.toBuffer();
}

/** The files in a package, by path; throws when the bytes are not a zip. */
export function readAppPackage(bytes: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of new AdmZip(bytes).getEntries()) {
    if (!entry.isDirectory) files.set(entry.entryName, entry.getData());
  }
  return files;
}
