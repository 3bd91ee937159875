/**
 * `npm run bench`: figures for the production build, printed, never asserted.
 * - JavaScript each page loads first (raw and gzip), and the chunks loaded later;
 * - in Chromium through the workbench: pane open -> primary button ready, click -> details
 *   inserted (medians), and the Office calls per insert (total and sequential rounds).
 */
import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { devCerts } from "../../dev/certs";
import { startDevStack } from "../../dev/devServer";
import { chromiumLaunch } from "../../playwright.config";
import { JOIN_BLOCK_START_MARKER } from "../../src/shared/meeting";
import { serverFigures } from "./benchServer";
import { initialScripts, kb, sizeOf } from "./bundleSizes";
import { eventFigures } from "./eventsBench";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const BUDGET = { taskpaneGzip: 110 * 1024, commandGzip: 15 * 1024, firstInsertRounds: 2 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function row(label: string, value: string, target = ""): void {
  console.log(`${label.padEnd(46)} ${value.padStart(22)}  ${target}`);
}

function bundles(): void {
  console.log("\nBundles (production build, office.js excluded)");
  const pane = sizeOf(dist, initialScripts(dist, "taskpane.html"));
  const command = sizeOf(dist, initialScripts(dist, "commands.html"));
  row("task pane initial JavaScript", `${kb(pane.raw)} / ${kb(pane.gzip)} gz`, "target <= 110 KB gz");
  row("command JavaScript", `${kb(command.raw)} / ${kb(command.gzip)} gz`, "target <= 15 KB gz");
  const initial = new Set([...pane.files, ...command.files]);
  const pages = new Set(["auth-dialog", "auth-redirect", "consent-callback"]);
  const auth: string[] = [];
  for (const file of readdirSync(dist).filter((f) => f.endsWith(".js") && !initial.has(f))) {
    const name = file.replace(/\.[0-9a-f]{8}\.js$/, "");
    const size = sizeOf(dist, [file]);
    // MSAL and the sign-in module: never in the pane's first load.
    const isAuth = !pages.has(name) && /acquireTokenSilent/.test(readFileSync(path.join(dist, file), "utf8"));
    if (isAuth) auth.push(file);
    const where = pages.has(name) ? "page of its own" : "loaded on demand";
    row(`  ${where}: ${name}${isAuth ? " (sign-in)" : ""}`, `${kb(size.raw)} / ${kb(size.gzip)} gz`);
  }
  const authSize = sizeOf(dist, auth);
  row("sign-in (MSAL) chunks, loaded after first paint", `${kb(authSize.raw)} / ${kb(authSize.gzip)} gz`);
}

type Workbench = {
  state(): { body: string };
  clearCalls(): void;
  calls(): Array<{ frame: string; method: string }>;
  rounds(calls?: unknown[]): number;
  idle(): Promise<void>;
  reset(): void;
  runCommand(): Promise<unknown>;
  reloadCommands(): Promise<void>;
};

async function configure(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/workbench/workbench.html?fresh=1`);
  await page.getByTestId("ribbon-open-taskpane").click();
  const pane = page.frameLocator('[data-testid="taskpane-frame"]');
  await pane.getByLabel("Personal meeting ID").fill("123456789");
  await pane.getByLabel("Attendee passcode").fill("4321");
  await pane.getByRole("button", { name: "Save" }).click();
  await pane.getByRole("button", { name: "Add BlueJeans meeting" }).waitFor();
}

async function paneRuns(page: Page, origin: string) {
  const ready: number[] = [];
  const insert: number[] = [];
  let calls = 0;
  let rounds = 0;
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${origin}/workbench/workbench.html`);
    await page.evaluate(() => (window as unknown as { __workbench: Workbench }).__workbench.reset());
    const pane = page.frameLocator('[data-testid="taskpane-frame"]');
    const addButton = pane.getByRole("button", { name: "Add BlueJeans meeting" });
    const openedAt = performance.now();
    await page.getByTestId("ribbon-open-taskpane").click();
    await addButton.waitFor();
    ready.push(performance.now() - openedAt);

    await page.evaluate(() => (window as unknown as { __workbench: Workbench }).__workbench.clearCalls());
    const clickedAt = performance.now();
    await addButton.click();
    await page.waitForFunction(
      (marker) => (window as unknown as { __workbench: Workbench }).__workbench.state().body.includes(marker),
      JOIN_BLOCK_START_MARKER,
      { polling: "raf" },
    );
    insert.push(performance.now() - clickedAt);
    await pane.getByRole("button", { name: "Update meeting details" }).waitFor();
    const counted = await page.evaluate(() => {
      const wb = (window as unknown as { __workbench: Workbench }).__workbench;
      const all = wb.calls().filter((c) => c.frame === "taskpane");
      return { total: all.length, rounds: wb.rounds(all) };
    });
    calls = counted.total;
    rounds = counted.rounds;
  }
  return { ready, insert, calls, rounds };
}

async function commandRun(page: Page, origin: string) {
  await page.goto(`${origin}/workbench/workbench.html`);
  return page.evaluate(async () => {
    const wb = (window as unknown as { __workbench: Workbench }).__workbench;
    wb.reset();
    await wb.reloadCommands();
    wb.clearCalls();
    await wb.runCommand();
    await wb.idle();
    const all = wb.calls().filter((c) => c.frame === "commands");
    const insert = all.filter((c) => !c.method.startsWith("notificationMessages"));
    return { total: all.length, insertCalls: insert.length, rounds: wb.rounds(insert) };
  });
}

async function browserFigures(): Promise<void> {
  const stack = await startDevStack({
    addinRoot: dist,
    workbenchRoot: path.join(root, "build/workbench"),
    certs: devCerts(),
    origin: "https://localhost:3000",
  });
  const app = stack.app;
  await app.listen({ port: 0, host: "127.0.0.1" });
  const origin = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await configure(page, origin);
    const pane = await paneRuns(page, origin);
    const command = await commandRun(page, origin);
    console.log(`\nIn Chromium through the workbench (${RUNS} runs, fake Outlook answering in ~4 ms)`);
    row("pane open -> primary button ready (median)", `${median(pane.ready).toFixed(0)} ms`);
    row("click -> details inserted (median)", `${median(pane.insert).toFixed(0)} ms`);
    row(
      "Office calls per pane insert",
      `${pane.calls} in ${pane.rounds} rounds`,
      `target <= ${BUDGET.firstInsertRounds} rounds`,
    );
    row(
      "Office calls per one-click insert",
      `${command.insertCalls} in ${command.rounds} rounds`,
      `target <= ${BUDGET.firstInsertRounds} rounds`,
    );
    row("  plus notification calls", `${command.total - command.insertCalls}`);
  } finally {
    await browser.close();
    await stack.close();
  }
}

async function main(): Promise<void> {
  bundles();
  await browserFigures();
  await eventFigures();
  await serverFigures();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
