/**
 * The one-click command on the scheduled path: its token comes silently (Outlook's nested app
 * authentication through the workbench's bridge), and when sign-in needs the person nothing is
 * written or created. These tests switch the shared identity provider's scenario, so they run in
 * the serial project, after the parallel suite (playwright.config.ts).
 */
import {
  countOf,
  emulatorState,
  expect,
  JOIN_BLOCK_START_MARKER,
  scheduledRoaming,
  test,
  idpScenario,
} from "./workbench";

test.describe.configure({ mode: "serial" });

const SCHEDULED = scheduledRoaming();

test.afterEach(async ({ page }) => {
  await idpScenario(page, "granted");
});

test("the command makes a scheduled meeting with a token from Outlook's bridge (nested app authentication)", async ({
  wb,
  page,
}) => {
  await idpScenario(page, "naa");
  let popups = 0;
  page.on("popup", () => (popups += 1));
  await wb.open({
    roaming: SCHEDULED,
    config: { nestedAppAuth: true },
    pane: false,
    appointment: { subject: "Planning", body: "<div>Notes</div>" },
  });
  const before = await emulatorState(page);

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
  expect((await emulatorState(page)).meetings.active).toBe(before.meetings.active + 1);
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
  await idpScenario(page, "admin-consent-required");
  await wb.open({
    roaming: SCHEDULED,
    config: { nestedAppAuth: true },
    pane: false,
    appointment: { subject: "Planning", location: "Room 4", body: "<div>Notes</div>" },
  });
  const before = await emulatorState(page);
  const parts = await wb.parts();

  const run = await wb.runCommand();
  expect(run.error).toBeNull();
  expect(run.completedCount).toBe(1);
  await wb.idle();
  expect(await wb.parts()).toEqual(parts);
  expect((await emulatorState(page)).meetings.active).toBe(before.meetings.active);
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
