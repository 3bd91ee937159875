/**
 * The pane's scheduled-meeting source against the real server and the BlueJeans emulator.
 */
import { AddinError } from "../../../../src/addin/host/errors";
import type { AppointmentDetails, StoredMeeting } from "../../../../src/addin/sources/meetingSource";
import {
  parseMeetingResponse,
  scheduledMeetingSource,
  SignInNeededError,
  type ScheduledSourceDeps,
} from "../../../../src/addin/sources/scheduledMeeting";
import { neverAnswers, useListeningStack } from "./listeningStack";

const live = useListeningStack();

const details: AppointmentDetails = {
  subject: "Design review",
  start: new Date("2026-12-02T15:00:00Z"),
  end: new Date("2026-12-02T16:00:00Z"),
  attendees: [
    { emailAddress: "sam@contoso.example", displayName: "Sam" },
    { emailAddress: "Conference Room 4", displayName: "Room" },
  ],
};

function source(overrides: Partial<ScheduledSourceDeps> = {}) {
  const key = `key-${Math.random().toString(36).slice(2)}-0000000`;
  return scheduledMeetingSource({
    apiBase: live.base,
    getToken: () => live.stack.tokenFor(),
    idempotencyKey: async () => key,
    options: { attendeePasscode: true, moderatorLess: false, muteOnEntry: true, autoRecord: false },
    timeZone: "America/New_York",
    ...overrides,
  });
}

const stored = (meetingId: number | undefined): StoredMeeting => ({
  v: 1,
  source: "scheduled",
  numericMeetingId: "123456789",
  joinUrl: "https://bluejeans.com/123456789",
  meetingId,
  addedToLocation: true,
});

describe("scheduledMeetingSource", () => {
  test("creates, updates and removes a meeting through the server", async () => {
    const s = source();
    const meeting = await s.create(details);
    expect(meeting.source).toBe("scheduled");
    expect(meeting.organizerName).toBe("Alex Wilber");
    expect(await live.stack.activeMeetings()).toBe(1);
    const again = await s.create(details);
    expect(again.meetingId).toBe(meeting.meetingId);
    expect(await live.stack.activeMeetings()).toBe(1);

    const moved = await s.update(stored(meeting.meetingId), { ...details, subject: "Design review (moved)" });
    expect(moved.numericMeetingId).toBe(meeting.numericMeetingId);
    await s.remove(stored(meeting.meetingId));
    expect(await live.stack.activeMeetings()).toBe(0);
    // Gone already counts as removed.
    await expect(s.remove(stored(meeting.meetingId))).resolves.toBeUndefined();
  });

  test("no token: a sign-in error the pane hands to the consent remedies, nothing created", async () => {
    const s = source({ getToken: () => Promise.reject(new Error("interaction_required")) });
    await expect(s.create(details)).rejects.toBeInstanceOf(SignInNeededError);
    expect(await live.stack.activeMeetings()).toBe(0);
  });

  test("a token the server refuses is a sign-in problem too", async () => {
    const s = source({ getToken: () => live.stack.tokenFor({}, live.stack.strangerKey) });
    await expect(s.create(details)).rejects.toBeInstanceOf(SignInNeededError);
  });

  test("an unreachable server says so", async () => {
    const s = source({ apiBase: "http://127.0.0.1:9" });
    await expect(s.create(details)).rejects.toMatchObject({ code: "api.network" });
  });

  test("a server that never answers is given up on, with a message that says so", async () => {
    const s = source({ fetch: neverAnswers, timeoutMs: 5 });
    await expect(s.create(details)).rejects.toMatchObject({
      code: "api.network",
      message: "The BlueJeans add-in's server did not answer within 1 second.",
    });
  });

  test("the server's own message reaches the person", async () => {
    const s = source({
      getToken: () => live.stack.tokenFor({ preferred_username: "nobody@contoso.example" }),
    });
    const error = (await s.create(details).catch((e: unknown) => e)) as AddinError;
    expect(error.code).toBe("api.403");
    expect(error.message).toMatch(/No BlueJeans account .* nobody@contoso\.example/);
  });
});

describe("parseMeetingResponse", () => {
  const good = {
    meeting: {
      source: "scheduled",
      numericMeetingId: "123456789",
      attendeePasscode: "1234",
      joinUrl: "https://bluejeans.com/123456789/1234?src=calendarLink",
      organizerName: "Alex",
      dialIn: [{ number: "+1.408.740.7256", label: "US", tollFree: false }],
      moreNumbersUrl: "https://bluejeans.com/numbers",
      roomSystem: { host: "bjn.vc", ip: "199.48.152.152", sipDomain: "bjn.vc" },
      testUrl: "https://bluejeans.com/111",
      meetingId: 42,
    },
  };
  test("accepts a well-formed meeting", () => {
    expect(parseMeetingResponse(good)?.meetingId).toBe(42);
  });
  test.each([
    ["a javascript: join link", { joinUrl: "javascript:alert(1)" }],
    ["a non-numeric meeting ID", { numericMeetingId: "12<b>" }],
    ["a passcode with letters", { attendeePasscode: "12ab" }],
    ["no internal id", { meetingId: "42" }],
    ["a malformed dial-in entry", { dialIn: [{ number: 5 }] }],
  ])("refuses %s", (_label, patch) => {
    expect(parseMeetingResponse({ meeting: { ...good.meeting, ...patch } })).toBeUndefined();
  });
});
