/**
 * Scheduled meetings end to end: workbench -> pane -> the add-in's server (token verified) ->
 * the BlueJeans emulator, with the local identity provider signing the person in.
 */
import {
  countOf,
  emulatorState,
  expect,
  JOIN_BLOCK_START_MARKER,
  scheduledRoaming,
  test,
  type EmulatorState,
  idpScenario,
} from "./workbench";

// One emulator serves the whole run: these tests count its meetings, so they run one at a time.
test.describe.configure({ mode: "serial" });

const SCHEDULED = scheduledRoaming({ muteOnEntry: true });

test.beforeEach(async ({ page }) => {
  await idpScenario(page, "granted");
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
  const before = await emulatorState(page);

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
  expect((await emulatorState(page)).meetings.active).toBe(before.meetings.active + 1);

  const puts = (s: EmulatorState) =>
    s.requests.byRoute["PUT /v1/user/:user_id/scheduled_meeting/:meeting_id"] ?? 0;
  await wb.setState({ subject: "Design review (moved)" });
  await wb.update();
  const afterUpdate = await emulatorState(page);
  expect(puts(afterUpdate)).toBe(puts(before) + 1);
  expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(1);

  await wb.remove();
  const removed = await wb.state();
  expect(removed.body).not.toContain(JOIN_BLOCK_START_MARKER);
  expect(removed.body).toContain("Agenda: the new pane");
  expect(removed.location).toBe("Room 4");
  expect((await emulatorState(page)).meetings.active).toBe(before.meetings.active);
});

test("a failed insert leaves no meeting behind at BlueJeans, and the retry makes exactly one", async ({
  wb,
  page,
}) => {
  await wb.open({ roaming: SCHEDULED, appointment: { subject: "Retry", body: "<div>Notes</div>" } });
  await expect(
    wb.pane.getByRole("radio", { name: "New BlueJeans meeting for this appointment" }),
  ).toBeChecked();
  const before = await emulatorState(page);

  // The meeting is created, then Outlook refuses to store it on the item: the pane undoes its
  // writes, and the undo deletes the new meeting at BlueJeans so nothing is left orphaned.
  await page.evaluate(() => __workbenchApi().failNext("customProperties.saveAsync"));
  await wb.addButton.click();
  await expect(wb.errorBar).toBeVisible();
  const afterFailure = await wb.state();
  expect(afterFailure.body).not.toContain(JOIN_BLOCK_START_MARKER);
  await expect.poll(async () => (await emulatorState(page)).meetings.active).toBe(before.meetings.active);

  await wb.add();
  expect((await emulatorState(page)).meetings.active).toBe(before.meetings.active + 1);
  expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(1);
  await wb.remove();
  expect((await emulatorState(page)).meetings.active).toBe(before.meetings.active);
});

test("the personal room stays one click away", async ({ wb }) => {
  await wb.open({ roaming: SCHEDULED, appointment: { body: "<div>Notes</div>" } });
  await wb.configureRoom();
  await wb.pane.getByRole("radio", { name: /My personal room/ }).check();
  await wb.add();
  expect((await wb.state()).body).toContain("Meeting ID: 1234567890");
  await wb.remove();
});
