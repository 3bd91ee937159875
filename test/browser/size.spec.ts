/**
 * The size budgets of tools/bench/budgets.ts, on the build the tests serve (ADDIN_ROOT, dist by
 * default): what the pane requests before its primary button is ready, measured in the browser,
 * and, from the build's chunk report, the one-click command's JS, duplicated library code and
 * the style compiler (styles must ship precompiled).
 */
import path from "node:path";
import { BUDGETS, type Budget } from "../../tools/bench/budgets";
import { kb } from "../../tools/bench/bundleSizes";
import {
  allScriptsOf,
  describeFile,
  duplicatedModules,
  modulesMatching,
  readChunkReport,
} from "../../tools/bench/chunkReport";
import { measureFirstView, PANE_STATES, recordPaneReady, type FirstView } from "../../tools/bench/firstView";
import { ROOM, SETTINGS_KEY, expect, test } from "./workbench";

const addinRoot = path.resolve(__dirname, "../..", process.env.ADDIN_ROOT ?? "dist");

const ROOM_SETTINGS = {
  [SETTINGS_KEY]: {
    version: 1,
    personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: ROOM.passcode },
  },
};

/** Asserts a budget, or (while it is pending) records the figure on the test without failing. */
function checkBudget(budget: Budget, bytes: number, detail: string): void {
  const figure = `${budget.what}: ${kb(bytes)} gz (budget ${kb(budget.limit)})\n${detail}`;
  test.info().annotations.push({ type: "size", description: figure });
  if (budget.pending) {
    test.info().annotations.push({ type: "pending budget", description: `${figure}\nwas ${budget.pending}` });
    console.log(`PENDING ${figure}`);
    return;
  }
  expect(bytes, figure).toBeLessThanOrEqual(budget.limit);
}

function listing(view: FirstView): string {
  const report = readChunkReport(addinRoot);
  return view.scripts.map((s) => `  ${s.file} ${kb(s.gzip)} (${describeFile(report, s.file)})`).join("\n");
}

test("no module is in two chunks that one page can load", () => {
  const report = readChunkReport(addinRoot);
  for (const entry of Object.keys(report.entries)) {
    expect(duplicatedModules(report, entry), `modules ${entry} would download twice`).toEqual([]);
  }
});

/** Griffel's runtime style compiler: what makeStyles needs when styles were not precompiled. */
const STYLE_COMPILER =
  /node_modules\/(stylis|rtl-css-js)\/|@griffel\/core\/src\/(make(Reset|Static)?Styles|runtime\/(compile|resolve))/;

test("styles ship precompiled: no page can load Griffel's style compiler", () => {
  const report = readChunkReport(addinRoot);
  for (const entry of Object.keys(report.entries)) {
    expect(modulesMatching(report, entry, STYLE_COMPILER), `style compiler in ${entry}`).toEqual([]);
  }
});

test("the one-click command, with every chunk it can load, stays within its budget", () => {
  const command = allScriptsOf(addinRoot, readChunkReport(addinRoot), "commands");
  expect(command.files.length).toBeGreaterThan(0);
  checkBudget(BUDGETS.command, command.gzip, command.files.join(", "));
});

test("set-up pane: the JS requested before Add BlueJeans meeting is ready", async ({ wb, context, page }) => {
  await recordPaneReady(context, PANE_STATES.setUp.button);
  await wb.open({ roaming: ROOM_SETTINGS });
  await expect(wb.addButton).toBeEnabled();
  const view = await measureFirstView(page, addinRoot);
  expect(view.scripts.map((s) => s.file)).toContainEqual(expect.stringMatching(/^taskpane\./));
  checkBudget(BUDGETS.setUpFirstView, view.gzip, listing(view));
});

test("first-run pane: the JS requested before Save is ready", async ({ wb, context, page }) => {
  await recordPaneReady(context, PANE_STATES.firstRun.button);
  await wb.open();
  await expect(wb.saveButton).toBeEnabled();
  const view = await measureFirstView(page, addinRoot);
  expect(view.scripts.map((s) => s.file)).toContainEqual(expect.stringMatching(/^taskpane\./));
  checkBudget(BUDGETS.firstRunFirstView, view.gzip, listing(view));
});
