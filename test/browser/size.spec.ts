/**
 * The size budgets of tools/bench/budgets.ts, on the build the tests serve (ADDIN_ROOT, dist by
 * default): what the pane requests before its primary button is ready and what the one-click
 * command requests to add a personal room, and besides that for a scheduled meeting, measured in
 * the browser; the event bundle; and, from the build's chunk report, duplicated library code and
 * the style compiler (styles must ship precompiled).
 */
import path from "node:path";
import { BUDGETS, type Budget } from "../../tools/bench/budgets";
import { initialScripts, kb, sizeOf } from "../../tools/bench/bundleSizes";
import {
  chunksHolding,
  describeFile,
  duplicatedModules,
  modulesMatching,
  readChunkReport,
} from "../../tools/bench/chunkReport";
import { commandScripts, totalGzip } from "../../tools/bench/commandScripts";
import { measureFirstView, PANE_STATES, recordPaneReady, type FirstView } from "../../tools/bench/firstView";
import { ROOM, SCHEDULED_DEFAULTS, SETTINGS_KEY, WITHOUT_BLUEJEANS, expect, test } from "./workbench";

// Someone BlueJeans has no room for: a first run keeps its settings form (with a room found at
// BlueJeans it would move on to the ready view, and Save would be gone before it is measured).
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

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

function listing(view: Pick<FirstView, "scripts">): string {
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

test("the event bundle is one script within its budget", () => {
  const report = readChunkReport(addinRoot);
  const events = report.entries.events;
  expect(events, "the build has an events entry").toBeDefined();
  // One script and nothing to load later: classic Outlook on Windows runs it on its own.
  expect(events?.all).toEqual(events?.initial);
  const files = report.chunks.filter((c) => events?.initial.includes(c.id)).flatMap((c) => c.files);
  expect(files).toEqual(["events.js"]);
  checkBudget(BUDGETS.events, sizeOf(addinRoot, files).gzip, files.join(", "));
});

/** Reading HTML bodies: the markup parser and what works on its tree. */
const HTML_READING = /^src\/shared\/meeting\/(html\w*|visibleText|otherProvidersHtml)\.ts$/;

const nameOf = (chunk: { id: string; name: string | null }) => chunk.name ?? chunk.id;

test("the one-click command loads no HTML reading up front: it comes in a chunk of its own", () => {
  const { first, later } = chunksHolding(readChunkReport(addinRoot), "commands", HTML_READING);
  // A first add reads the body as text and prepends: nothing of the HTML reading is loaded for it.
  expect(first.map(nameOf)).toEqual([]);
  // Updating an HTML body brings it in, as one chunk.
  expect(later.map(nameOf)).toEqual(["html-bodies"]);
});

test("the one-click command loads no race settling up front: only its scheduled path does", () => {
  const settling = /^src\/addin\/appointment\/raceSettling\.ts$/;
  const { first, later } = chunksHolding(readChunkReport(addinRoot), "commands", settling);
  // The personal room never settles; a scheduled meeting (a new one per add) always does.
  expect(first.map(nameOf)).toEqual([]);
  expect(later.map(nameOf)).toEqual(["command-scheduled"]);
});

test("the one-click command, personal room: the JS it requests to add the meeting", async ({ wb }) => {
  await wb.open({ roaming: ROOM_SETTINGS, pane: false });
  const run = await wb.runCommand();
  expect(run.error).toBeNull();
  expect(await wb.notifications()).toEqual([
    expect.objectContaining({ message: `BlueJeans meeting ${ROOM.id} added.` }),
  ]);
  const scripts = await commandScripts(wb.page, addinRoot);
  expect(scripts.map((s) => s.file)).toEqual(initialScripts(addinRoot, "commands.html"));
  checkBudget(BUDGETS.command, totalGzip(scripts), listing({ scripts }));
});

test("the one-click command, scheduled meeting: the chunk it loads besides", async ({ wb }) => {
  const scheduled = {
    [SETTINGS_KEY]: { ...ROOM_SETTINGS[SETTINGS_KEY], meetingDefaults: SCHEDULED_DEFAULTS },
  };
  await wb.open({ roaming: scheduled, pane: false });
  const run = await wb.runCommand();
  expect(run.error).toBeNull();
  // The workbench's command frame has no single sign-on: the scheduled path asks for the pane.
  expect(await wb.notifications()).toEqual([
    expect.objectContaining({ message: "Open the BlueJeans pane to sign in." }),
  ]);
  const first = new Set(initialScripts(addinRoot, "commands.html"));
  const extra = (await commandScripts(wb.page, addinRoot)).filter((s) => !first.has(s.file));
  const report = readChunkReport(addinRoot);
  // Sign-in (MSAL) loads on this path only where Outlook offers nested app authentication (the
  // workbench does not by default): printed, not budgeted.
  const isSignIn = (file: string) =>
    report.chunks
      .find((c) => c.files.includes(file))
      ?.modules.some((m) => m.startsWith("src/addin/signin/") || m.includes("/@azure/msal-")) ?? false;
  const own = extra.filter((s) => !isSignIn(s.file));
  const signIn = extra.filter((s) => isSignIn(s.file));
  expect(own.map((s) => describeFile(report, s.file))).toEqual(["command-scheduled"]);
  const signInFigure = `sign-in chunks besides: ${kb(totalGzip(signIn))} gz\n${listing({ scripts: signIn })}`;
  test.info().annotations.push({ type: "size", description: signInFigure });
  console.log(signInFigure);
  checkBudget(BUDGETS.commandScheduled, totalGzip(own), listing({ scripts: own }));
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
