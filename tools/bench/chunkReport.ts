/**
 * Reads the chunk report webpack.config.js writes for each build (build/chunk-report/): per entry,
 * the chunks it loads first and every chunk it can load later; per chunk, its source modules.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sizeOf } from "./bundleSizes";

const root = path.resolve(__dirname, "../..");

export interface ChunkReport {
  entries: Record<string, { initial: string[]; all: string[] }>;
  chunks: Array<{ id: string; name: string | null; files: string[]; modules: string[] }>;
}

/** Where webpack.config.js writes the report of a build (one rule for both sides). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chunkReportFile, chunkReportParts } = require("../../webpack.config.js") as {
  chunkReportFile(outDir: string, part?: string): string;
  /** One per compiler that builds the add-in, each reporting on its own. */
  chunkReportParts: string[];
};

/** The report of the build in `addinRoot`: every compiler's, as one (their chunk ids never clash). */
export function readChunkReport(addinRoot: string): ChunkReport {
  const outDir = path.resolve(root, addinRoot);
  const parts = chunkReportParts.map((part) => {
    const file = chunkReportFile(outDir, part);
    if (!existsSync(file)) throw new Error(`${file} is missing: build ${addinRoot} with webpack first`);
    return JSON.parse(readFileSync(file, "utf8")) as ChunkReport;
  });
  const chunks = parts.flatMap((p) => p.chunks);
  // A report left by an older build names files that build's clean has since removed; two
  // compilers writing one file would overwrite each other's.
  const seen = new Set<string>();
  for (const file of chunks.flatMap((c) => c.files)) {
    if (seen.has(file)) throw new Error(`${file} is written by two of the build's compilers`);
    if (!existsSync(path.join(outDir, file))) {
      throw new Error(`the chunk report names ${file}, which ${addinRoot} lacks: build it again`);
    }
    seen.add(file);
  }
  return { entries: Object.assign({}, ...parts.map((p) => p.entries)) as ChunkReport["entries"], chunks };
}

function entryOf(report: ChunkReport, entry: string) {
  const found = report.entries[entry];
  if (!found) throw new Error(`the build has no entry "${entry}"`);
  return found;
}

function chunksOf(report: ChunkReport, ids: string[]) {
  return report.chunks.filter((c) => ids.includes(c.id));
}

/** Every script an entry can ever load (its first load and all its lazy chunks), and their size. */
export function allScriptsOf(addinRoot: string, report: ChunkReport, entry: string) {
  const files = chunksOf(report, entryOf(report, entry).all).flatMap((c) => c.files);
  return sizeOf(addinRoot, files);
}

/** Source modules matching `pattern` in any chunk an entry can load. */
export function modulesMatching(report: ChunkReport, entry: string, pattern: RegExp): string[] {
  const modules = chunksOf(report, entryOf(report, entry).all).flatMap((c) => c.modules);
  return [...new Set(modules.filter((m) => pattern.test(m)))];
}

/** The chunks an entry can load that hold a module matching `pattern`: in its first load, and later. */
export function chunksHolding(report: ChunkReport, entry: string, pattern: RegExp) {
  const { initial, all } = entryOf(report, entry);
  const holding = chunksOf(report, all).filter((c) => c.modules.some((m) => pattern.test(m)));
  return {
    first: holding.filter((c) => initial.includes(c.id)),
    later: holding.filter((c) => !initial.includes(c.id)),
  };
}

/** Source modules that sit in more than one chunk that one page can load (downloaded twice). */
export function duplicatedModules(
  report: ChunkReport,
  entry: string,
): Array<{ module: string; chunks: string[] }> {
  const where = new Map<string, string[]>();
  for (const chunk of chunksOf(report, entryOf(report, entry).all)) {
    for (const module of new Set(chunk.modules)) {
      where.set(module, [...(where.get(module) ?? []), chunk.name ?? chunk.id]);
    }
  }
  return [...where].filter(([, chunks]) => chunks.length > 1).map(([module, chunks]) => ({ module, chunks }));
}

/** Names a built file by its chunk: "taskpane", "settings", or the libraries in an unnamed one. */
export function describeFile(report: ChunkReport, file: string): string {
  const chunk = report.chunks.find((c) => c.files.includes(file));
  if (!chunk) return file;
  if (chunk.name) return chunk.name;
  const packages = new Set(
    chunk.modules.map((m) =>
      m.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*$/, "$1").replace(/^src\/.*/, "src"),
    ),
  );
  return `shared: ${[...packages].join(", ")}`;
}
