/**
 * The event handlers through the real Office adapter against the workbench's fake Outlook (in a
 * realm without a DOM, as Outlook's event runtime), and scheduled meetings against the real
 * server and the BlueJeans emulator.
 */
// HTML bodies can be edited, as on the pages and in the event runtime that load it.
import "../../../../src/shared/meeting/htmlBodies";
import { JSDOM } from "jsdom";
import { emulatorAccessToken } from "../../../../dev/emulator";
import { WorkbenchHost } from "../../../../dev/workbench/host";
import type { AppointmentInit, RecurrenceInit } from "../../../../dev/workbench/types";
// Also hands race settling to the flow, as the event runtime does.
import { keepOneBlock } from "../../../../src/addin/appointment/raceSettling";
import { MEETING_PROPERTY, parseStoredMeeting } from "../../../../src/addin/appointment/storedMeeting";
import { personalRoomSource } from "../../../../src/addin/sources/personalRoom";
import type { EventConfig } from "../../../../src/addin/events/config";
import {
  onAppointmentSend,
  onDetailsChanged,
  onNewAppointment,
  SEND_MESSAGES,
  SIGN_IN_MESSAGE,
  type EventEnv,
} from "../../../../src/addin/events/handlers";
import { officeHost } from "../../../../src/addin/host/officeAdapter";
import { saveSettings, type Settings } from "../../../../src/addin/settings/settings";
import { JOIN_BLOCK_START_MARKER } from "../../../../src/shared/meeting";
import { useListeningStack } from "../sources/listeningStack";
import { APPOINTMENT, AUTO_SCHEDULED, ROOM, SERVER } from "./fixtures";

// The workbench's store (the Outlook side) parses HTML as Outlook does; the handlers get no DOM.
(globalThis as unknown as { DOMParser: unknown }).DOMParser = new JSDOM("").window.DOMParser;

const live = useListeningStack();

const AUTO_ROOM: Settings = { ...ROOM, autoAdd: true };

async function setup(
  settings: Settings | undefined,
  init: AppointmentInit = APPOINTMENT,
  config: EventConfig = SERVER,
  overrides: Partial<EventEnv> = {},
) {
  const wb = new WorkbenchHost({ config: { latency: 1, appointment: init } });
  const api = wb.api();
  // The event runtime has no DOM: the namespace is built on Node's own global.
  const realm = globalThis as unknown as Window;
  if (settings) {
    const office = wb.officeFor(realm, { name: "setup" });
    await office.onReady();
    (globalThis as unknown as { Office: typeof Office }).Office = office;
    await saveSettings(officeHost().settings, settings);
  }
  const office = wb.officeFor(realm, { name: "events" });
  await office.onReady();
  (globalThis as unknown as { Office: typeof Office }).Office = office;
  const env: EventEnv = {
    host: officeHost(),
    config: async () => config,
    getToken: () => live.stack.tokenFor(),
    apiBase: live.base,
    timeZone: "Europe/Berlin",
    fetch: (input, init) => fetch(input, init),
    ...overrides,
  };
  return { wb, api, env };
}

const count = (text: string, part: string) => text.split(part).length - 1;
const stored = (api: ReturnType<WorkbenchHost["api"]>) =>
  parseStoredMeeting(api.customProperties()[MEETING_PROPERTY]);

async function bluejeansMeeting(id: number): Promise<Record<string, unknown>> {
  const token = await emulatorAccessToken(live.stack.emulatorUrl);
  const response = await fetch(`${live.stack.emulatorUrl}/v1/user/1001/scheduled_meeting/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.json()) as Record<string, unknown>;
}

async function failBlueJeans(method: string, fault = "status=503"): Promise<void> {
  await fetch(`${live.stack.emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method, fault }),
  });
}

describe("OnNewAppointmentOrganizer (auto-add)", () => {
  test("is off by default: nothing is read or written", async () => {
    const { api, env } = await setup(ROOM);
    api.clearCalls();
    await onNewAppointment(env);
    expect(api.calls()).toEqual([]);
    expect(api.customProperties()).toEqual({});
  });

  test("adds the personal room once, even when the event fires twice", async () => {
    const { api, env } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    await onNewAppointment(env);
    const html = api.readBody("html");
    expect(count(html, JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(html).toContain("Agenda: budget");
    expect(stored(api)?.numericMeetingId).toBe("123456789");
    expect(api.state().location).toContain("Room 4; https://bluejeans.com/123456789/4321");
    expect(api.notifications().map((n) => n.message)).toEqual(["BlueJeans meeting 123456789 added."]);
  });

  test("the admin can turn it on for everyone", async () => {
    const { api, env } = await setup(ROOM, APPOINTMENT, { ...SERVER, autoAddAlways: true });
    await onNewAppointment(env);
    expect(count(api.readBody("html"), JOIN_BLOCK_START_MARKER)).toBe(1);
  });

  test.each([
    ["Microsoft Teams", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc/0"],
    ["Zoom", "https://contoso.zoom.us/j/81234567890?pwd=abc"],
    ["Webex", "https://contoso.webex.com/meet/sam"],
    ["Google Meet", "https://meet.google.com/abc-defg-hij"],
  ])("leaves an appointment with %s details alone", async (_name, link) => {
    const { api, env } = await setup(AUTO_ROOM, { ...APPOINTMENT, body: `<p>Join: ${link}</p>` });
    const before = api.state();
    await onNewAppointment(env);
    expect(api.state()).toEqual(before);
  });

  test("a reopened draft that has the meeting gets no second one", async () => {
    const { api, env } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    const first = api.state();
    const reopened = await setup(AUTO_ROOM, {
      ...APPOINTMENT,
      body: first.body,
      location: first.location,
      customProperties: first.customProperties,
    });
    await onNewAppointment(reopened.env);
    expect(count(reopened.api.readBody("html"), JOIN_BLOCK_START_MARKER)).toBe(1);
  });

  test("two inserts that raced end with one block, whichever settles last", async () => {
    const { api, env, wb } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    const once = api.state().body;
    api.setBody(once + once, "html"); // what two racing prepends leave
    const paneOffice = wb.officeFor(globalThis as unknown as Window, { name: "taskpane" });
    await paneOffice.onReady();
    const eventItem = env.host.item;
    (globalThis as unknown as { Office: typeof Office }).Office = paneOffice;
    const paneItem = officeHost().item;
    const room = personalRoomSource(ROOM.personalRoom, "Alex Wilber");
    const meeting = await room.create(undefined);
    const found = await Promise.all([keepOneBlock(eventItem, meeting), keepOneBlock(paneItem, meeting)]);
    expect(found).toEqual([2, 2]);
    expect(count(api.readBody("html"), JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(api.readBody("html")).toContain("Agenda: budget");
  });

  test("a scheduled meeting is created at BlueJeans with the appointment's details", async () => {
    const { api, env } = await setup(AUTO_SCHEDULED);
    await onNewAppointment(env);
    const meeting = stored(api);
    expect(meeting?.source).toBe("scheduled");
    expect(meeting?.synced?.start).toBe("2026-12-02T15:00:00.000Z");
    const at = await bluejeansMeeting(meeting?.meetingId ?? 0);
    expect(at.title).toBe("Design review");
    expect(at.start).toBe(Date.parse("2026-12-02T15:00:00Z"));
  });

  test("sign-in needing the person writes nothing and says to open the pane", async () => {
    const { api, env } = await setup(AUTO_SCHEDULED, APPOINTMENT, SERVER, {
      getToken: () => Promise.reject(new Error("interaction_required")),
    });
    const before = api.state();
    await onNewAppointment(env);
    expect(api.state().body).toBe(before.body);
    expect(api.customProperties()).toEqual({});
    const [note] = api.notifications();
    expect(note?.message).toBe(`No BlueJeans meeting was added. ${SIGN_IN_MESSAGE}`);
    expect(note?.actions).toEqual([expect.objectContaining({ actionType: "showTaskPane" })]);
    expect(await live.stack.activeMeetings()).toBe(0);
  });

  test("an Office call failing leaves the appointment as it was, with a message", async () => {
    const { api, env } = await setup(AUTO_ROOM);
    api.failNext("location.setAsync");
    await onNewAppointment(env);
    expect(count(api.readBody("html"), JOIN_BLOCK_START_MARKER)).toBe(0);
    expect(api.state().location).toBe("Room 4");
    expect(stored(api)).toBeUndefined();
    expect(api.notifications()[0]?.message).toMatch(
      /^No BlueJeans meeting was added\. Outlook could not set/,
    );
  });
});

async function scheduledAppointment(init: AppointmentInit = APPOINTMENT) {
  const ctx = await setup(AUTO_SCHEDULED, init);
  await onNewAppointment(ctx.env);
  const meeting = stored(ctx.api);
  if (!meeting?.meetingId) throw new Error("no scheduled meeting was added");
  return { ...ctx, meetingId: meeting.meetingId };
}

describe("time and attendee changes", () => {
  test("a scheduled meeting gets the new time at BlueJeans and its block refreshed in place", async () => {
    const { api, env, meetingId } = await scheduledAppointment();
    api.setState({
      start: "2026-12-03T09:00:00Z",
      end: "2026-12-03T10:00:00Z",
      attendees: "robin@contoso.example",
    });
    await onDetailsChanged(env);
    const at = await bluejeansMeeting(meetingId);
    expect(at.start).toBe(Date.parse("2026-12-03T09:00:00Z"));
    expect(at.end).toBe(Date.parse("2026-12-03T10:00:00Z"));
    expect(JSON.stringify(at.attendees)).toContain("robin@contoso.example");
    expect(count(api.readBody("html"), JOIN_BLOCK_START_MARKER)).toBe(1);
    expect(stored(api)?.synced?.start).toBe("2026-12-03T09:00:00.000Z");
  });

  test("BlueJeans refusing leaves body and location untouched and says what to do", async () => {
    const { api, env, meetingId } = await scheduledAppointment();
    api.setState({ start: "2026-12-03T09:00:00Z", end: "2026-12-03T10:00:00Z" });
    const before = api.state();
    await failBlueJeans("PUT");
    await onDetailsChanged(env);
    const after = api.state();
    expect(after.body).toBe(before.body);
    expect(after.location).toBe(before.location);
    expect(after.customProperties).toEqual(before.customProperties);
    expect(after.notifications[0]?.message).toMatch(/^BlueJeans still has this meeting's old details\./);
    expect((await bluejeansMeeting(meetingId)).start).toBe(Date.parse("2026-12-02T15:00:00Z"));
  });

  test("a personal room changes nothing anywhere", async () => {
    const { api, env } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    api.setState({ start: "2026-12-03T09:00:00Z" });
    const before = api.state();
    api.clearCalls();
    await onDetailsChanged(env);
    expect(api.calls().map((c) => c.method)).toEqual(["loadCustomPropertiesAsync"]);
    expect(api.state()).toEqual(before);
  });
});

describe("recurrence", () => {
  const weekly: RecurrenceInit = {
    recurrenceType: "weekly",
    interval: 2,
    days: ["mon", "thu"],
    endDate: "2027-03-01",
  };

  test("a series change gives the scheduled meeting BlueJeans' pattern", async () => {
    const { api, env, meetingId } = await scheduledAppointment();
    api.setState({ recurrence: weekly });
    await onDetailsChanged(env);
    const at = await bluejeansMeeting(meetingId);
    expect(at.recurrencePattern).toEqual(
      expect.objectContaining({ recurrenceType: "WEEKLY", frequency: 2, daysOfWeekMask: 2 | 16 }),
    );
    expect(stored(api)?.synced?.recurrence).toMatch(/^WEEKLY:2:18/);
  });

  test("a yearly series is refused in plain words, nothing written, with the pane to choose the room", async () => {
    const { api, env, meetingId } = await scheduledAppointment();
    api.setState({ recurrence: { recurrenceType: "yearly", month: "mar", dayOfMonth: 4, endDate: null } });
    const before = api.state();
    await onDetailsChanged(env);
    expect(api.state().body).toBe(before.body);
    const [note] = api.notifications();
    expect(note?.message).toMatch(/not yearly/);
    expect(note?.actions).toEqual([expect.objectContaining({ actionType: "showTaskPane" })]);
    expect((await bluejeansMeeting(meetingId)).recurrencePattern ?? null).toBeNull();
  });
});

describe("OnAppointmentSend (Smart Alerts)", () => {
  test("an appointment with nothing of BlueJeans in it is never held", async () => {
    const { env } = await setup(ROOM);
    expect(await onAppointmentSend(env)).toEqual({ allowEvent: true });
  });

  test("a meeting with its block goes", async () => {
    const { env } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    expect(await onAppointmentSend(env)).toEqual({ allowEvent: true });
  });

  test("the block deleted by accident holds the send", async () => {
    const { api, env } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    api.setBody("<p>Agenda: budget</p>", "html");
    expect(await onAppointmentSend(env)).toEqual({ allowEvent: false, errorMessage: SEND_MESSAGES.missing });
  });

  test("two blocks hold the send", async () => {
    const { api, env } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    const body = api.state().body;
    api.setBody(body + body, "html");
    expect(await onAppointmentSend(env)).toEqual({ allowEvent: false, errorMessage: SEND_MESSAGES.twice });
  });

  test("a block of another meeting holds the send", async () => {
    const { api, env } = await setup(AUTO_ROOM);
    await onNewAppointment(env);
    api.setBody(api.state().body.split("123456789").join("987654321"), "html");
    expect(await onAppointmentSend(env)).toEqual({
      allowEvent: false,
      errorMessage: SEND_MESSAGES.otherId("987654321", "123456789"),
    });
  });

  test("times BlueJeans missed are caught up before the send goes", async () => {
    const { api, env, meetingId } = await scheduledAppointment();
    api.setState({ start: "2026-12-04T09:00:00Z", end: "2026-12-04T09:30:00Z" }); // no event (a drag)
    expect(await onAppointmentSend(env)).toEqual({ allowEvent: true });
    expect((await bluejeansMeeting(meetingId)).start).toBe(Date.parse("2026-12-04T09:00:00Z"));
  });

  test("times that cannot be brought up to date hold the send", async () => {
    const { api, env } = await scheduledAppointment();
    api.setState({ start: "2026-12-04T09:00:00Z", end: "2026-12-04T09:30:00Z" });
    await failBlueJeans("PUT");
    expect(await onAppointmentSend(env)).toEqual({ allowEvent: false, errorMessage: SEND_MESSAGES.behind });
  });
});
