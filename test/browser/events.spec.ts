/**
 * Outlook's event-based activation through the workbench: the add-in's events.js runs in a Web
 * Worker (no DOM) and the workbench raises OnNewAppointmentOrganizer, the change events and
 * OnAppointmentSend as Outlook does, against the server, the emulator and the identity provider.
 */
import type { Page } from "@playwright/test";
import type { EventRun } from "../../dev/workbench/eventRuntime";
import {
  countOf,
  emulatorState,
  expect,
  JOIN_BLOCK_START_MARKER,
  ROOM,
  SCHEDULED_DEFAULTS,
  SETTINGS_KEY,
  test,
  type Workbench,
  idpScenario,
} from "./workbench";

// One emulator serves the run and some tests count its requests: one at a time.
test.describe.configure({ mode: "serial" });

const ROOM_ROAMING = (extra: Record<string, unknown> = {}) => ({
  [SETTINGS_KEY]: {
    version: 1,
    personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: ROOM.passcode },
    ...extra,
  },
});
const SCHEDULED_ROAMING = ROOM_ROAMING({
  autoAdd: true,
  meetingDefaults: SCHEDULED_DEFAULTS,
});
const APPOINTMENT = {
  subject: "Design review",
  location: "Room 4",
  attendees: "Sam <sam@contoso.example>",
  body: "<div>Agenda: budget</div>",
};

async function runs(page: Page): Promise<EventRun[]> {
  return page.evaluate(() => window.__workbench?.eventRuns() ?? []);
}

/** Waits until `n` runs of `type` have completed (or failed). */
async function completed(page: Page, type: string, n = 1): Promise<EventRun[]> {
  await page.waitForFunction(
    ([t, count]) =>
      (window.__workbench?.eventRuns() ?? []).filter(
        (r) => r.type === t && (r.completedAt !== null || r.error !== null),
      ).length >= count,
    [type, n] as const,
    { timeout: 20_000 },
  );
  return (await runs(page)).filter((r) => r.type === type);
}

async function emulatorPuts(page: Page): Promise<number> {
  const state = await emulatorState(page);
  return state.requests.byRoute["PUT /v1/user/:user_id/scheduled_meeting/:meeting_id"] ?? 0;
}

/** Turns on the workbench's "BlueJeans fails" switch and waits until the emulator has the fault. */
async function breakBlueJeans(page: Page): Promise<void> {
  await page.getByTestId("control-bluejeans-fails").check();
  await expect
    .poll(async () => {
      return (await emulatorState(page)).faults.length;
    })
    .toBe(1);
}

async function noRuntimeErrors(wb: Workbench): Promise<void> {
  expect(await wb.page.evaluate(() => window.__workbench?.eventErrors() ?? [])).toEqual([]);
  expect(await wb.callbackErrors()).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  await idpScenario(page, "granted");
  await page.request.delete("/__dev/emulator/faults");
});

test.afterEach(async ({ page }) => {
  // A fault left on would fail whatever test comes next.
  await page.request.delete("/__dev/emulator/faults");
});

test.describe("OnNewAppointmentOrganizer", () => {
  test("opening a new event adds the personal room once when the person asked for it", async ({
    wb,
    page,
  }) => {
    await wb.open({ roaming: ROOM_ROAMING({ autoAdd: true }), appointment: APPOINTMENT, pane: false });
    const [run] = await completed(page, "OnNewAppointmentOrganizer");
    expect(run?.completedCount).toBe(1);
    const state = await wb.state();
    expect(countOf(state.body, JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(state.body).toContain("Agenda: budget");
    expect(state.location).toContain(`Room 4; https://bluejeans.com/${ROOM.id}/${ROOM.passcode}`);
    await noRuntimeErrors(wb);
  });

  test("off by default: the event completes and nothing changes", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING(), appointment: APPOINTMENT, pane: false });
    const [run] = await completed(page, "OnNewAppointmentOrganizer");
    expect(run).toEqual(expect.objectContaining({ completedCount: 1, officeCalls: 0 }));
    expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(0);
  });

  test("an event raised twice still gives one block", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING({ autoAdd: true }), appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    await page.getByTestId("control-events-twice").check();
    await page.getByTestId("control-reset").click();
    const all = await completed(page, "OnNewAppointmentOrganizer", 3);
    expect(all.map((r) => r.completedCount)).toEqual([1, 1, 1]);
    expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(1);
  });

  test("the pane clicked while the event is adding ends with one block", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING({ autoAdd: true }), appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    await page.evaluate(() => window.__workbench?.reset());
    await wb.openTaskPane();
    // Both writes are slow: the pane's lands first, the event finds two blocks and keeps one.
    await page.evaluate(() => window.__workbench?.setLatency(400, "body.prependAsync"));
    const paneAdd = wb.pane.getByRole("button", { name: "Add BlueJeans meeting" }).click();
    await page.waitForFunction(() =>
      (window.__workbench?.calls() ?? []).some(
        (c) => c.method === "body.prependAsync" && c.status === "pending",
      ),
    );
    const event = page.evaluate(() => window.__workbench?.fireEvent("OnNewAppointmentOrganizer"));
    await Promise.all([paneAdd, event]);
    await page.evaluate(() => window.__workbench?.idle());
    expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(1);
    await noRuntimeErrors(wb);
  });

  test("the pane and the event adding a scheduled meeting at once leave one meeting at BlueJeans", async ({
    wb,
    page,
  }) => {
    await wb.open({ roaming: SCHEDULED_ROAMING, appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    // A new appointment with a title of its own, so that its meetings at BlueJeans can be listed.
    const subject = `Race review ${Math.random().toString(36).slice(2, 10)}`;
    await page.evaluate((init) => window.__workbench?.reset(init), { ...APPOINTMENT, subject });
    await wb.openTaskPane();
    await expect(
      wb.pane.getByRole("radio", { name: "New BlueJeans meeting for this appointment" }),
    ).toBeChecked();
    // Every Office call slow alike; the event starts while the pane saves its create key.
    await page.evaluate(() => window.__workbench?.setLatency(150));
    const paneAdd = wb.addButton.click();
    await page.waitForFunction(() =>
      (window.__workbench?.calls() ?? []).some(
        (c) => c.method === "customProperties.saveAsync" && c.status === "pending",
      ),
    );
    const event = page.evaluate(() => window.__workbench?.fireEvent("OnNewAppointmentOrganizer"));
    await Promise.all([paneAdd, event]);
    await expect(wb.status("Meeting details added")).toBeVisible();
    await page.evaluate(() => window.__workbench?.idle());

    const state = await wb.state();
    const stored = JSON.parse(String(state.customProperties.bluejeansMeeting)) as {
      meetingId: number;
      numericMeetingId: string;
      joinUrl: string;
    };
    const held = (await (await page.request.get("/__dev/emulator/meetings")).json()) as Array<{
      id: number;
      title: string;
    }>;
    expect(held.filter((m) => m.title === subject).map((m) => m.id)).toEqual([stored.meetingId]);
    expect(countOf(state.body, JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(state.body).toContain(`bluejeans.com/${stored.numericMeetingId}`);
    expect(state.location).toBe(`Room 4; ${stored.joinUrl}`);
    await noRuntimeErrors(wb);
  });

  test("an Office call failing during the event loses nothing and says so", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING({ autoAdd: true }), appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    await page.evaluate(() => window.__workbench?.reset());
    await wb.failNext("location.setAsync");
    const run = await page.evaluate(() => window.__workbench?.fireEvent("OnNewAppointmentOrganizer"));
    expect(run?.completedCount).toBe(1);
    const state = await wb.state();
    expect(countOf(state.body, JOIN_BLOCK_START_MARKER)).toBe(0);
    expect(state.location).toBe("Room 4");
    expect(state.notifications[0]?.message).toMatch(
      /^No BlueJeans meeting was added\. Outlook could not set/,
    );
  });
});

/** A workbench whose appointment got a scheduled meeting from the new-appointment event. */
async function scheduled(wb: Workbench, page: Page): Promise<void> {
  await wb.open({ roaming: SCHEDULED_ROAMING, appointment: APPOINTMENT, pane: false });
  await completed(page, "OnNewAppointmentOrganizer");
  const state = await wb.state();
  expect(countOf(state.body, JOIN_BLOCK_START_MARKER)).toBe(1);
  expect(JSON.stringify(state.customProperties)).toContain('\\"source\\":\\"scheduled\\"');
}

test.describe("time and attendee changes", () => {
  test("moving the meeting updates BlueJeans and refreshes the block in place", async ({ wb, page }) => {
    await scheduled(wb, page);
    const puts = await emulatorPuts(page);
    await page.getByTestId("field-start").fill("2031-03-04T09:00");
    await page.getByTestId("field-start").blur();
    const [run] = await completed(page, "OnAppointmentTimeChanged");
    expect(run?.completedCount).toBe(1);
    expect(await emulatorPuts(page)).toBe(puts + 1);
    expect(countOf((await wb.state()).body, JOIN_BLOCK_START_MARKER)).toBe(1);
    await page.getByTestId("field-attendees").fill("robin@contoso.example");
    await page.getByTestId("field-attendees").blur();
    await completed(page, "OnAppointmentAttendeesChanged");
    expect(await emulatorPuts(page)).toBe(puts + 2);
    await noRuntimeErrors(wb);
  });

  test("BlueJeans failing during a time change leaves body and location and says what to do", async ({
    wb,
    page,
  }) => {
    await scheduled(wb, page);
    const before = await wb.state();
    await breakBlueJeans(page);
    await page.getByTestId("field-start").fill("2031-03-05T09:00");
    await page.getByTestId("field-start").blur();
    await completed(page, "OnAppointmentTimeChanged");
    const after = await wb.state();
    expect(after.body).toBe(before.body);
    expect(after.location).toBe(before.location);
    expect(after.customProperties).toEqual(before.customProperties);
    expect(after.notifications[0]?.message).toMatch(/^BlueJeans still has this meeting's old details\./);
  });
});

test.describe("recurrence", () => {
  for (const repeat of ["daily", "weekday", "weekly", "monthly", "monthly-weekday"]) {
    test(`a ${repeat} series gives the scheduled meeting BlueJeans' pattern`, async ({ wb, page }) => {
      await scheduled(wb, page);
      const puts = await emulatorPuts(page);
      await page.getByTestId("field-repeat-end").fill("2031-12-31");
      await page.getByTestId("field-repeat").selectOption(repeat);
      const done = await completed(page, "OnAppointmentRecurrenceChanged");
      expect(done.at(-1)?.completedCount).toBe(1);
      expect(await emulatorPuts(page)).toBeGreaterThan(puts);
      const state = await wb.state();
      expect(state.notifications.filter((n) => n.type === "errorMessage")).toEqual([]);
      expect(JSON.stringify(state.customProperties)).toMatch(/\\"recurrence\\":\\"(DAILY|WEEKLY|MONTHLY):/);
    });
  }

  test("a yearly series is refused with the choice of the personal room", async ({ wb, page }) => {
    await scheduled(wb, page);
    const before = await wb.state();
    await page.getByTestId("field-repeat").selectOption("yearly");
    await completed(page, "OnAppointmentRecurrenceChanged");
    const after = await wb.state();
    expect(after.body).toBe(before.body);
    expect(after.notifications[0]?.message).toMatch(/not yearly/);
    await expect(page.getByTestId("notification-action-bluejeans")).toHaveText("Open BlueJeans");
  });
});

test.describe("OnAppointmentSend (Smart Alerts)", () => {
  async function sendAndAnswer(page: Page, answer: "send-anyway" | "dont-send"): Promise<string> {
    await page.getByTestId("ribbon-send").click();
    const alert = page.getByTestId("smart-alert");
    await expect(alert).toBeVisible();
    const message = (await page.getByTestId("smart-alert-message").textContent()) ?? "";
    await page
      .getByTestId(answer === "send-anyway" ? "smart-alert-send-anyway" : "smart-alert-dont-send")
      .click();
    await expect(alert).toBeHidden();
    return message;
  }

  test("an appointment with nothing of BlueJeans in it is never held", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING(), appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    await page.getByTestId("ribbon-send").click();
    await expect(page.getByTestId("send-status")).toHaveText("Sent.");
    await expect(page.getByTestId("smart-alert")).toHaveCount(0);
    expect(await page.evaluate(() => window.__workbench?.sends())).toBe(1);
  });

  test("the block deleted by accident holds the send; Send Anyway sends", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING({ autoAdd: true }), appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    await wb.setBody("<div>Agenda: budget</div>");
    expect(await sendAndAnswer(page, "send-anyway")).toMatch(/join details were deleted/);
    expect(await page.evaluate(() => window.__workbench?.sends())).toBe(1);
  });

  test("two blocks hold the send; Don't Send keeps the appointment open", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING({ autoAdd: true }), appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    const body = (await wb.state()).body;
    await wb.setBody(body + body);
    await page.getByTestId("ribbon-send").click();
    await expect(page.getByTestId("smart-alert")).toBeVisible();
    await expect(page.getByTestId("smart-alert-message")).toContainText("join details twice");
    await page.screenshot({ path: "docs/smart-alert.png" });
    await page.getByTestId("smart-alert-dont-send").click();
    await expect(page.getByTestId("send-status")).toHaveText("Not sent: back to the appointment.");
    expect(await page.evaluate(() => window.__workbench?.sends())).toBe(0);
  });

  test("a block of another meeting holds the send", async ({ wb, page }) => {
    await wb.open({ roaming: ROOM_ROAMING({ autoAdd: true }), appointment: APPOINTMENT, pane: false });
    await completed(page, "OnNewAppointmentOrganizer");
    await wb.setBody((await wb.state()).body.split(ROOM.id).join("5550001234"));
    expect(await sendAndAnswer(page, "dont-send")).toMatch(/show BlueJeans meeting 5550001234/);
  });

  test("times BlueJeans could not be brought up to date hold the send", async ({ wb, page }) => {
    await scheduled(wb, page);
    await page.getByTestId("control-events-enabled").uncheck(); // a change Outlook raises no event for
    await page.getByTestId("field-start").fill("2031-03-06T09:00");
    await page.getByTestId("field-start").blur();
    await page.getByTestId("control-events-enabled").check();
    await breakBlueJeans(page);
    expect(await sendAndAnswer(page, "dont-send")).toMatch(/old time or attendees/);
    await noRuntimeErrors(wb);
  });
});
