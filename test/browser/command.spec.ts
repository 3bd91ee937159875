/**
 * The one-click "Add BlueJeans meeting" ribbon command: no pane, answers through the item's
 * notification bar, and calls event.completed() exactly once on every path.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { commandScripts } from "../../tools/bench/commandScripts";
import {
  JOIN_BLOCK_START_MARKER as START,
  ROOM,
  SETTINGS_KEY,
  countOf,
  expect,
  joinUrl,
  test,
  WITHOUT_BLUEJEANS,
  type AsyncMethodName,
  type Workbench,
} from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

const ADDIN_ROOT = path.resolve(__dirname, "../..", process.env.ADDIN_ROOT ?? "dist");
const USER_HTML = "<div>Quarterly planning, bring your numbers.</div>";
const URL = joinUrl(ROOM.id, ROOM.passcode);
const CONFIGURED = {
  [SETTINGS_KEY]: {
    version: 1,
    personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: ROOM.passcode },
  },
};

/** Runs the command and checks it completed exactly once, also after every call has settled. */
async function runCommand(wb: Workbench): Promise<void> {
  const run = await wb.runCommand();
  expect(run.error).toBeNull();
  expect(run.completedCount).toBe(1);
  await wb.idle();
  const runs = await wb.commandRuns();
  expect(runs.at(-1)?.completedCount, "event.completed() calls").toBe(1);
  await expect(wb.page.getByTestId("command-status")).toBeHidden();
}

test("configured through the pane: the command adds the meeting and says so", async ({ wb }) => {
  await wb.open({ appointment: { body: USER_HTML, location: "Room 4" } });
  await wb.configureRoom();
  await wb.closeTaskPane();
  // The command runtime took its copy of the roaming settings when it started.
  await wb.reloadCommands();

  await runCommand(wb);
  const text = await wb.readBody("text");
  expect(text.startsWith(START)).toBe(true);
  expect(countOf(text, START)).toBe(1);
  expect(text.endsWith("Quarterly planning, bring your numbers.")).toBe(true);
  const state = await wb.state();
  expect(state.location).toBe(`Room 4; ${URL}`);
  expect(Object.keys(state.customProperties)).toEqual(["bluejeansMeeting"]);
  expect(state.notifications).toEqual([
    expect.objectContaining({
      type: "informationalMessage",
      message: `BlueJeans meeting ${ROOM.id} added.`,
    }),
  ]);
  await expect(wb.page.getByTestId("notification-list")).toContainText(`BlueJeans meeting ${ROOM.id} added.`);
  // Nothing but the command's own script: a first add reads the body as text and prepends.
  const loaded = async () => (await commandScripts(wb.page, ADDIN_ROOT)).map((s) => s.file.split(".")[0]);
  expect(await loaded()).toEqual(["commands"]);

  // Pressed again: updated in place, still one block, one URL in the location. Replacing the block
  // in the HTML body loads HTML body editing, then.
  await runCommand(wb);
  expect(await loaded()).toEqual(["commands", "html-bodies"]);
  expect(countOf(await wb.readBody("text"), START)).toBe(1);
  expect((await wb.state()).location).toBe(`Room 4; ${URL}`);
  expect(await wb.notifications()).toEqual([
    expect.objectContaining({
      type: "informationalMessage",
      message: `BlueJeans meeting ${ROOM.id} updated.`,
    }),
  ]);

  // The pane opened afterwards knows the meeting.
  expect(await wb.openTaskPane()).toBe("added");
  await expect(wb.pane.getByTestId("meeting-id")).toHaveText(ROOM.id);
});

test("not configured: an error notification says to open the pane, and nothing changes", async ({ wb }) => {
  await wb.open({ appointment: { body: USER_HTML, location: "Room 4" }, pane: false });
  const before = await wb.parts();
  await runCommand(wb);

  const notes = await wb.notifications();
  expect(notes).toHaveLength(1);
  expect(notes[0]?.type).toBe("errorMessage");
  expect(notes[0]?.message).toContain("personal meeting ID is not set up");
  expect(notes[0]?.message).toContain("Open the BlueJeans pane");
  expect(await wb.parts()).toEqual(before);
});

test("damaged settings: the command leaves them as stored and says to open the pane", async ({ wb }) => {
  await wb.open({
    appointment: { body: USER_HTML },
    roaming: { [SETTINGS_KEY]: { version: 1, personalRoom: 42 } },
    pane: false,
  });
  const before = await wb.parts();
  await runCommand(wb);
  const notes = await wb.notifications();
  // The action must survive Outlook's 150-character limit on notification text.
  expect(notes).toEqual([
    expect.objectContaining({
      type: "errorMessage",
      message: "Your saved BlueJeans settings could not be read. Open the BlueJeans pane to set it up.",
    }),
  ]);
  expect(await wb.parts()).toEqual(before);
  expect(await wb.roamingSettings()).toEqual({ [SETTINGS_KEY]: { version: 1, personalRoom: 42 } });
});

test("a Teams meeting already there: the command adds nothing beside it and says why", async ({ wb }) => {
  const teams = readFileSync(path.resolve(__dirname, "../fixtures/other-providers/teams-owa.html"), "utf8");
  await wb.open({
    appointment: { body: teams, location: "Microsoft Teams Meeting" },
    roaming: CONFIGURED,
    pane: false,
  });
  const before = await wb.parts();
  await runCommand(wb);
  expect(await wb.notifications()).toEqual([
    expect.objectContaining({
      type: "errorMessage",
      message:
        "Not added: this appointment already has Microsoft Teams meeting details. Open the BlueJeans pane to replace them with a BlueJeans meeting.",
    }),
  ]);
  expect(await wb.parts()).toEqual(before);
});

const FAILING_DURING_COMMAND: Array<[AsyncMethodName, string]> = [
  ["body.getTypeAsync", "Outlook could not read the appointment's body format."],
  ["body.prependAsync", "Outlook could not add the meeting details to the body."],
  ["location.setAsync", "Outlook could not set the location."],
  ["customProperties.saveAsync", "Outlook could not save the add-in's data on this appointment."],
];

for (const [method, message] of FAILING_DURING_COMMAND) {
  test(`${method} fails during the command: error notification, completed once, appointment unchanged`, async ({
    wb,
  }) => {
    await wb.open({ appointment: { body: USER_HTML, location: "Room 4" }, roaming: CONFIGURED, pane: false });
    const before = await wb.parts();
    await wb.failNext(method);
    await runCommand(wb);

    const notes = await wb.notifications();
    expect(notes).toHaveLength(1);
    expect(notes[0]?.type).toBe("errorMessage");
    expect(notes[0]?.message).toContain(message);
    expect(notes[0]?.message).toMatch(/try again/i);
    expect(await wb.parts()).toEqual(before);
    expect((await wb.calls()).filter((c) => c.injected).map((c) => c.method)).toEqual([method]);
  });
}

test("notifications failing do not stop the command or its completed() call", async ({ wb }) => {
  await wb.open({ appointment: { body: USER_HTML }, roaming: CONFIGURED, pane: false });
  await wb.setFailure("notificationMessages.replaceAsync", true);
  await runCommand(wb);
  expect(countOf(await wb.readBody("text"), START)).toBe(1);
  expect(await wb.notifications()).toEqual([]);
});

test("the ribbon button runs the same command", async ({ wb }) => {
  await wb.open({ appointment: { body: USER_HTML }, roaming: CONFIGURED, pane: false });
  await wb.page.getByTestId("ribbon-add-meeting").click();
  await expect(wb.page.getByTestId("notification-list")).toContainText(`BlueJeans meeting ${ROOM.id} added.`);
  await wb.idle();
  const runs = await wb.commandRuns();
  expect(runs).toHaveLength(1);
  expect(runs[0]?.completedCount).toBe(1);
  await expect(wb.page.getByTestId("body-editor-html")).toContainText(START);
});
