/**
 * The server's log destination holds lines to write them together (app.ts, logDestination): a
 * line still reaches the log when no other follows, and none is lost when the process exits.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { LOG_FLUSH_MS, logDestination } from "../../../src/server/app";

const root = path.resolve(__dirname, "../../..");
const logFile = () => path.join(mkdtempSync(path.join(tmpdir(), "bjlog-")), "server.log");
const lines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

afterEach(() => jest.useRealTimers());

test("a line alone is held, then written once the flush interval has passed", async () => {
  jest.useFakeTimers();
  const file = logFile();
  const destination = logDestination(file);
  await new Promise((resolve) => destination.once("ready", resolve));
  pino(destination).info("the only line");
  expect(readFileSync(file, "utf8")).toBe("");
  const written = new Promise((resolve) => destination.once("write", resolve));
  jest.advanceTimersByTime(LOG_FLUSH_MS);
  await written;
  expect(lines(file)).toEqual(["the only line"]);
  destination.end();
});

test.each([
  ["exits", "process.exit(0)"],
  ["is stopped by a signal its handler answers with process.exit", "process.kill(process.pid, 'SIGTERM')"],
])("every line held is written when the process %s", (_how, ending) => {
  const file = logFile();
  const script = [
    `const { logDestination } = require(${JSON.stringify(path.join(root, "src/server/app.ts"))});`,
    `const log = require("pino")(logDestination(${JSON.stringify(file)}));`,
    "process.once('SIGTERM', () => process.exit(0));",
    "for (let i = 0; i < 3; i++) log.info('line ' + i);",
    `setTimeout(() => { ${ending}; }, 50);`,
  ].join("\n");
  execFileSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root });
  expect(lines(file)).toEqual(["line 0", "line 1", "line 2"]);
});
