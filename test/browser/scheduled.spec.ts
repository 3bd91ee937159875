/**
 * Scheduled meetings end to end: workbench -> pane -> the add-in's server (token verified) ->
 * the BlueJeans emulator, with the local identity provider signing the person in.
 */
import type { Page } from "@playwright/test";
import { countOf, expect, JOIN_BLOCK_START_MARKER, SETTINGS_KEY, test } from "./workbench";

// One emulator serves the whole run: these tests count its meetings, so they run one at a time.
test.describe.configure({ mode: "serial" });

interface EmulatorState {
  meetings: { active: number };
  requests: { byRoute: Record<string, number> };
}

async function emulator(page: Page): Promise<EmulatorState> {
  return (await (await page.request.get("/__dev/emulator/state")).json()) as EmulatorState;
}

const SCHEDULED = {
  [SETTINGS_KEY]: {
    version: 1,
    meetingDefaults: {
      source: "scheduled",
      attendeePasscode: true,
      moderatorLess: false,
      muteOnEntry: true,
      autoRecord: false,
    },
  },
};

test.beforeEach(async ({ page }) => {
  await page.request.post("/__dev/idp/scenario", { data: { name: "granted" } });
});

test("a new meeting is created at BlueJeans, updated when the appointment moves, and deleted on remove", async ({
  wb,
  page,
}) => {
  await wb.open({
    roaming: SCHEDULED,
    appointment: { subject: "Design review", location: "Room 4", body: "<div>Agenda: the new pane</div>" },
  });
  const choice = wb.pane.getByRole("radio", { name: "New BlueJeans meeting for this appointment" });
  await expect(choice).toBeChecked();
  const before = await emulator(page);

  await wb.add();
  const added = await wb.state();
  expect(countOf(added.body, JOIN_BLOCK_START_MARKER)).toBe(1);
  const stored = JSON.parse(String(added.customProperties.bluejeansMeeting)) as {
    source: string;
    meetingId: number;
    numericMeetingId: string;
    joinUrl: string;
  };
  expect(stored.source).toBe("scheduled");
  expect(typeof stored.meetingId).toBe("number");
  expect(added.body).toContain(`Meeting ID: ${stored.numericMeetingId}`);
  expect(added.location).toBe(`Room 4; ${stored.joinUrl}`);
  expect((await emulator(page)).meetings.active).toBe(before.meetings.active + 1);

  const puts = (s: EmulatorState) =>
    s.requests.byRoute["PUT /v1/user/:user_id/scheduled_meeting/:meeting_id"] ?? 0;
  await wb.setState({ subject: "Design review (moved)" });
  await wb.update();
  const afterUpdate = await emulator(page);
  expect(puts(afterUpdate)).toBe(puts(before) + 1);
  expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(1);

  await wb.remove();
  const removed = await wb.state();
  expect(removed.body).not.toContain(JOIN_BLOCK_START_MARKER);
  expect(removed.body).toContain("Agenda: the new pane");
  expect(removed.location).toBe("Room 4");
  expect((await emulator(page)).meetings.active).toBe(before.meetings.active);
});

test("a failed insert leaves no meeting behind at BlueJeans, and the retry makes exactly one", async ({
  wb,
  page,
}) => {
  await wb.open({ roaming: SCHEDULED, appointment: { subject: "Retry", body: "<div>Notes</div>" } });
  await expect(
    wb.pane.getByRole("radio", { name: "New BlueJeans meeting for this appointment" }),
  ).toBeChecked();
  const before = await emulator(page);

  // The meeting is created, then Outlook refuses to store it on the item: the pane undoes its
  // writes, and the undo deletes the new meeting at BlueJeans so nothing is left orphaned.
  await page.evaluate(() => __workbenchApi().failNext("customProperties.saveAsync"));
  await wb.addButton.click();
  await expect(wb.errorBar).toBeVisible();
  const afterFailure = await wb.state();
  expect(afterFailure.body).not.toContain(JOIN_BLOCK_START_MARKER);
  await expect.poll(async () => (await emulator(page)).meetings.active).toBe(before.meetings.active);

  await wb.add();
  expect((await emulator(page)).meetings.active).toBe(before.meetings.active + 1);
  expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(1);
  await wb.remove();
  expect((await emulator(page)).meetings.active).toBe(before.meetings.active);
});

test("the personal room stays one click away", async ({ wb }) => {
  await wb.open({ roaming: SCHEDULED, appointment: { body: "<div>Notes</div>" } });
  await wb.configureRoom();
  await wb.pane.getByRole("radio", { name: /My personal room/ }).check();
  await wb.add();
  expect((await wb.state()).body).toContain("Meeting ID: 1234567890");
  await wb.remove();
});

// ---- The one-click command on the scheduled path: its token comes silently, never a window -----------------

test("the command makes a scheduled meeting with a token from Outlook's bridge (nested app authentication)", async ({
  wb,
  page,
}) => {
  await page.request.post("/__dev/idp/scenario", { data: { name: "naa" } });
  let popups = 0;
  page.on("popup", () => (popups += 1));
  await wb.open({
    roaming: SCHEDULED,
    config: { nestedAppAuth: true },
    pane: false,
    appointment: { subject: "Planning", body: "<div>Notes</div>" },
  });
  const before = await emulator(page);

  const run = await wb.runCommand();
  expect(run.error).toBeNull();
  expect(run.completedCount).toBe(1);
  await wb.idle();
  const state = await wb.state();
  const stored = JSON.parse(String(state.customProperties.bluejeansMeeting)) as {
    source: string;
    numericMeetingId: string;
  };
  expect(stored.source).toBe("scheduled");
  expect(countOf(state.body, JOIN_BLOCK_START_MARKER)).toBe(1);
  expect(state.body).toContain(`Meeting ID: ${stored.numericMeetingId}`);
  expect((await emulator(page)).meetings.active).toBe(before.meetings.active + 1);
  const calls = await page.evaluate(() => __workbenchApi().naaCalls());
  expect(calls.filter((c) => c.method === "GetToken" && c.success === true).length).toBeGreaterThan(0);
  expect(calls.some((c) => c.method === "GetTokenPopup")).toBe(false);
  expect(popups).toBe(0);
  expect(await wb.notifications()).toEqual([
    expect.objectContaining({ message: `BlueJeans meeting ${stored.numericMeetingId} added.` }),
  ]);
});

test("the command when the bridge needs the person: 'open the pane to sign in', nothing written or created", async ({
  wb,
  page,
}) => {
  await page.request.post("/__dev/idp/scenario", { data: { name: "admin-consent-required" } });
  await wb.open({
    roaming: SCHEDULED,
    config: { nestedAppAuth: true },
    pane: false,
    appointment: { subject: "Planning", location: "Room 4", body: "<div>Notes</div>" },
  });
  const before = await emulator(page);
  const parts = await wb.parts();

  const run = await wb.runCommand();
  expect(run.error).toBeNull();
  expect(run.completedCount).toBe(1);
  await wb.idle();
  expect(await wb.parts()).toEqual(parts);
  expect((await emulator(page)).meetings.active).toBe(before.meetings.active);
  const calls = await page.evaluate(() => __workbenchApi().naaCalls());
  expect(calls.map((c) => [c.method, c.errorStatus ?? "ok"])).toContainEqual([
    "GetToken",
    "USER_INTERACTION_REQUIRED",
  ]);
  expect(calls.some((c) => c.method === "GetTokenPopup")).toBe(false);
  // The sign-in message carries Outlook's button that opens the pane.
  expect(await wb.notifications()).toEqual([
    expect.objectContaining({
      message: "Open the BlueJeans pane to sign in.",
      actions: [expect.objectContaining({ actionType: "showTaskPane" })],
    }),
  ]);
});
