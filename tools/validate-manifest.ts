/**
 * Offline manifest check.
 *
 *   npx tsx tools/validate-manifest.ts [manifest, default manifest.xml]
 *       [--assets dir, default "assets" beside the manifest]
 *       [--origin https://..., default $ADDIN_ORIGIN or https://localhost:3000]
 *       [--src dir, default "src" beside the manifest]
 *
 * Then checks the unified manifest: the manifest.json beside it (as in dist/, also compared with
 * what the XML gives), or one made from the XML in memory (see manifest/unifiedCheck.ts).
 *
 * Prints one `path: message` line per problem and exits 1, or prints OK lines and exits 0.
 * Exit code 2 means the command line or the files could not be read.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { collectSourceFiles, validateManifest } from "./manifest/validateManifest";
import { validateMobileFormFactor } from "./manifest/validateMobile";
import { checkUnifiedManifest } from "./manifest/unifiedCheck";

const DEFAULT_ORIGIN = "https://localhost:3000";

interface CliArgs {
  manifest: string;
  assets?: string;
  origin?: string;
  src?: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: Partial<CliArgs> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const flag = /^--(assets|origin|src)(?:=(.*))?$/.exec(arg);
    if (flag !== null) {
      const key = flag[1] as "assets" | "origin" | "src";
      const value = flag[2] ?? argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${arg} needs a value`);
      args[key] = value;
    } else if (arg === "--help" || arg === "-h") {
      throw new UsageError("");
    } else if (arg.startsWith("--")) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length > 1) throw new UsageError(`expected one manifest path, got ${positional.length}`);
  return { ...args, manifest: positional[0] ?? "manifest.xml" };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function main(argv: readonly string[]): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message !== "") console.error(error.message);
    console.error(
      "usage: validate-manifest [manifest.xml] [--assets dir] [--origin https://host[:port]] [--src dir]",
    );
    return 2;
  }

  const manifestPath = resolve(args.manifest);
  let xml: string;
  try {
    xml = readFileSync(manifestPath, "utf8");
  } catch (error) {
    console.error(`cannot read ${args.manifest}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const baseDir = dirname(manifestPath);
  const assetDir = resolve(args.assets ?? join(baseDir, "assets"));
  const origin = args.origin ?? process.env["ADDIN_ORIGIN"] ?? DEFAULT_ORIGIN;
  const srcDir = resolve(args.src ?? join(baseDir, "src"));
  if (args.src !== undefined && !isDirectory(srcDir)) {
    console.error(`--src ${args.src} is not a directory`);
    return 2;
  }
  const sourceFiles = isDirectory(srcDir) ? collectSourceFiles(srcDir) : [];

  const options = { assetDir, origin, sourceFiles };
  const problems = [
    ...validateManifest(xml, options),
    // The project's manifest must offer the Outlook mobile online-meeting toggle.
    ...validateMobileFormFactor(xml, { ...options, requireMobile: true }),
  ];
  for (const problem of problems) console.log(`${problem.path}: ${problem.message}`);
  const context = `origin ${origin}, ${sourceFiles.length} source files`;
  // The unified manifest (manifest.json) built beside it, or made from it in memory.
  const unified = checkUnifiedManifest(manifestPath, xml, { assetDir, origin, root: process.cwd() });
  for (const problem of unified.problems) console.log(`manifest.json ${problem.path}: ${problem.message}`);
  if (problems.length > 0 || unified.problems.length > 0) {
    if (problems.length > 0) console.error(`${args.manifest}: ${problems.length} problem(s) (${context})`);
    if (unified.problems.length > 0) console.error(`${unified.label}: ${unified.problems.length} problem(s)`);
    return 1;
  }
  console.log(`OK ${args.manifest} (${context})`);
  console.log(`OK ${unified.label}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
