/**
 * The chunk report the size check and the bench read: the add-in is built by two webpack
 * compilers, each writing its own report, read as one.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chunksHolding, readChunkReport, type ChunkReport } from "../../../../tools/bench/chunkReport";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chunkReportFile } = require("../../../../webpack.config.js") as {
  chunkReportFile(outDir: string, part?: string): string;
};

let outDir: string;
const written: string[] = [];

function report(part: string, value: ChunkReport): void {
  const file = chunkReportFile(outDir, part);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
  written.push(file);
}

function builtFiles(...files: string[]): void {
  for (const file of files) writeFileSync(path.join(outDir, file), "");
}

const ADDIN: ChunkReport = {
  entries: { taskpane: { initial: ["1"], all: ["1", "2"] } },
  chunks: [
    { id: "1", name: "taskpane", files: ["taskpane.aaaa.js"], modules: ["src/a.ts"] },
    { id: "2", name: "flow", files: ["flow.bbbb.js"], modules: ["src/b.ts"] },
  ],
};
const COMMANDS: ChunkReport = {
  entries: { commands: { initial: ["commands:1"], all: ["commands:1"] } },
  chunks: [{ id: "commands:1", name: "commands", files: ["commands.cccc.js"], modules: ["src/c.ts"] }],
};

beforeEach(() => {
  outDir = mkdtempSync(path.join(tmpdir(), "chunk-report-"));
});

afterEach(() => {
  rmSync(outDir, { recursive: true, force: true });
  for (const file of written.splice(0)) rmSync(file, { force: true });
});

test("both compilers' reports are read as one", () => {
  report("", ADDIN);
  report("commands", COMMANDS);
  builtFiles("taskpane.aaaa.js", "flow.bbbb.js", "commands.cccc.js");
  const merged = readChunkReport(outDir);
  expect(Object.keys(merged.entries).sort()).toEqual(["commands", "taskpane"]);
  expect(merged.chunks.map((c) => c.id)).toEqual(["1", "2", "commands:1"]);
});

test("a report left by an older build (its files gone) is refused", () => {
  report("", ADDIN);
  report("commands", COMMANDS);
  builtFiles("taskpane.aaaa.js", "flow.bbbb.js");
  expect(() => readChunkReport(outDir)).toThrow(/names commands\.cccc\.js, which .* lacks/);
});

test("a file both compilers claim is refused", () => {
  report("", ADDIN);
  report("commands", {
    ...COMMANDS,
    chunks: [{ ...COMMANDS.chunks[0]!, files: ["flow.bbbb.js"] }],
  });
  builtFiles("taskpane.aaaa.js", "flow.bbbb.js");
  expect(() => readChunkReport(outDir)).toThrow(/flow\.bbbb\.js is written by two/);
});

test("a missing part is named", () => {
  report("", ADDIN);
  builtFiles("taskpane.aaaa.js", "flow.bbbb.js");
  expect(() => readChunkReport(outDir)).toThrow(/is missing: build .* with webpack first/);
});

test("the chunks holding a module are split into an entry's first load and what it loads later", () => {
  report("", ADDIN);
  report("commands", COMMANDS);
  builtFiles("taskpane.aaaa.js", "flow.bbbb.js", "commands.cccc.js");
  const merged = readChunkReport(outDir);
  const names = (held: ReturnType<typeof chunksHolding>) => ({
    first: held.first.map((c) => c.name),
    later: held.later.map((c) => c.name),
  });
  expect(names(chunksHolding(merged, "taskpane", /^src\/b\.ts$/))).toEqual({ first: [], later: ["flow"] });
  expect(names(chunksHolding(merged, "taskpane", /^src\/(a|b)\.ts$/))).toEqual({
    first: ["taskpane"],
    later: ["flow"],
  });
  // Only the entry's own chunks: the command's module is not the pane's.
  expect(names(chunksHolding(merged, "taskpane", /^src\/c\.ts$/))).toEqual({ first: [], later: [] });
  expect(() => chunksHolding(merged, "nowhere", /x/)).toThrow(/no entry "nowhere"/);
});
