/**
 * The meetings API end to end inside one process: tokens signed by a stand-in for Entra ID,
 * the server driven with inject, the real BlueJeans client talking to the emulator over HTTP.
 */
import { DEFAULT_SEED } from "../../../dev/emulator";
import { SAMPLE_REQUEST, useApiStack, type ApiStack } from "./apiStack";

const current = useApiStack();

let stack: ApiStack;
const tokenFor = (claims?: Record<string, unknown>, key?: ApiStack["strangerKey"]) =>
  stack.tokenFor(claims, key);
const activeMeetings = () => stack.activeMeetings();

beforeAll(() => {
  stack = current();
});

const body = SAMPLE_REQUEST;

let keys = 0;
async function create(idempotencyKey = `appointment-key-${String(++keys).padStart(8, "0")}`, token?: string) {
  return stack.app.inject({
    method: "POST",
    url: "/api/meetings",
    headers: { authorization: `Bearer ${token ?? (await tokenFor())}`, "idempotency-key": idempotencyKey },
    payload: body,
  });
}

describe("meetings API", () => {
  test("creates a meeting for the signed-in user and returns it ready for the join block", async () => {
    const response = await create();
    expect(response.statusCode).toBe(201);
    const { meeting } = response.json();
    expect(meeting).toMatchObject({ source: "scheduled", organizerName: "Alex Wilber" });
    expect(meeting.numericMeetingId).toMatch(/^[0-9]{9,10}$/);
    expect(meeting.attendeePasscode).toMatch(/^[0-9]{4}$/);
    expect(meeting.joinUrl).toBe(
      `https://bluejeans.com/${meeting.numericMeetingId}/${meeting.attendeePasscode}?src=calendarLink`,
    );
    expect(typeof meeting.meetingId).toBe("number");
    expect(await activeMeetings()).toBe(1);
  });

  test("a repeated create with the same key returns the same meeting, even when sent at once", async () => {
    const [a, b] = await Promise.all([create("same-key-1234567890"), create("same-key-1234567890")]);
    const c = await create("same-key-1234567890");
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(b.json().meeting.meetingId).toBe(a.json().meeting.meetingId);
    expect(c.json().meeting.meetingId).toBe(a.json().meeting.meetingId);
    expect(await activeMeetings()).toBe(1);
    expect((await create("another-key-1234567")).json().meeting.meetingId).not.toBe(
      a.json().meeting.meetingId,
    );
  });

  test("reads, updates and deletes the meeting; its key then makes a new one", async () => {
    const { meeting } = (await create("kept-for-after-delete")).json();
    const auth = { authorization: `Bearer ${await tokenFor()}` };
    const read = await stack.app.inject({
      method: "GET",
      url: `/api/meetings/${meeting.meetingId}`,
      headers: auth,
    });
    expect({ status: read.statusCode, body: read.json() }).toMatchObject({ status: 200 });
    expect(read.json().meeting.numericMeetingId).toBe(meeting.numericMeetingId);
    const updated = await stack.app.inject({
      method: "PUT",
      url: `/api/meetings/${meeting.meetingId}`,
      headers: auth,
      payload: { ...body, title: "Q3 planning (moved)", end: "2026-12-01T11:00:00.000Z" },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().meeting.numericMeetingId).toBe(meeting.numericMeetingId);
    const deleted = await stack.app.inject({
      method: "DELETE",
      url: `/api/meetings/${meeting.meetingId}`,
      headers: auth,
    });
    expect(deleted.statusCode).toBe(204);
    expect(await activeMeetings()).toBe(0);
    const again = await create("kept-for-after-delete");
    expect(again.statusCode).toBe(201);
    expect(again.json().meeting.meetingId).not.toBe(meeting.meetingId);
    expect(await activeMeetings()).toBe(1);
    const gone = await stack.app.inject({
      method: "GET",
      url: `/api/meetings/${meeting.meetingId}`,
      headers: auth,
    });
    expect(gone.statusCode).toBe(404);
  });

  test.each<[string, () => Promise<Record<string, string>>, number, string]>([
    ["no token", async () => ({}), 401, "missing_token"],
    [
      "a token signed by someone else",
      async () => ({ authorization: `Bearer ${await tokenFor({}, stack.strangerKey)}` }),
      401,
      "bad_signature",
    ],
    [
      "another tenant",
      async () => ({
        authorization: `Bearer ${await tokenFor({ tid: "11111111-2222-3333-4444-555555555555" })}`,
      }),
      401,
      "tenant_not_allowed",
    ],
  ])("%s is refused and nothing is created", async (_label, headers, status, error) => {
    const response = await stack.app.inject({
      method: "POST",
      url: "/api/meetings",
      headers: { ...(await headers()), "idempotency-key": "refused-key-123456789" },
      payload: body,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toBe(error);
    expect(response.headers["www-authenticate"]).toContain("invalid_token");
    expect(await activeMeetings()).toBe(0);
  });

  test("a user without a BlueJeans account is told so", async () => {
    const response = await create(
      "no-account-key-12345",
      await tokenFor({ preferred_username: "nobody@contoso.example" }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      error: "no_bluejeans_account",
      message:
        "No BlueJeans account in your company uses nobody@contoso.example. Ask your BlueJeans admin to add you.",
    });
  });

  test.each([
    ["end before start", { ...body, end: "2026-12-01T09:00:00.000Z" }, "invalid_times"],
    ["an unknown time zone", { ...body, timeZone: "Mars/Olympus" }, "invalid_time_zone"],
    ["a bad attendee", { ...body, attendees: ["not an email"] }, "invalid_request"],
    ["an unknown field", { ...body, hostKey: "x" }, "invalid_request"],
  ])("%s is refused with a clear message", async (_label, payload, error) => {
    const response = await stack.app.inject({
      method: "POST",
      url: "/api/meetings",
      headers: { authorization: `Bearer ${await tokenFor()}`, "idempotency-key": "bad-input-key-12345" },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe(error);
    expect(await activeMeetings()).toBe(0);
  });

  test("BlueJeans failing is reported as such, and a later retry with the same key works", async () => {
    await fetch(`${stack.emulatorUrl}/__emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fault: "status=500", path: `/v1/user/1001/scheduled_meeting`, times: 5 }),
    });
    const failed = await create("retry-after-failure-1");
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error).toBe("bluejeans_unavailable");
    await fetch(`${stack.emulatorUrl}/__emulator/faults`, { method: "DELETE" });
    const retried = await create("retry-after-failure-1");
    expect(retried.statusCode).toBe(201);
    expect(await activeMeetings()).toBe(1);
  });

  test("the BlueJeans secret and the bearer token never appear in a response or a log line", async () => {
    const token = await tokenFor();
    const responses = [await create("secret-check-key-123", token)];
    await fetch(`${stack.emulatorUrl}/__emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fault: "status=401", path: "/oauth2/token", times: 10 }),
    });
    responses.push(await create("secret-check-key-456", token));
    await fetch(`${stack.emulatorUrl}/__emulator/faults`, { method: "DELETE" });
    expect(stack.logLines.length).toBeGreaterThan(0);
    for (const text of [...responses.map((r) => r.body), ...stack.logLines]) {
      expect(text).not.toContain(DEFAULT_SEED.clientSecret);
      expect(text).not.toContain(token);
    }
  });
});

describe("static pages", () => {
  test("hashed bundles are cached for good, pages are revalidated, and every answer carries the CSP", async () => {
    const page = await stack.app.inject({ method: "GET", url: "/apiStack.ts" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
  });
});
