/**
 * Recurring meetings against BlueJeans' published contract: the client's requests with a
 * recurrencePattern and the emulator's answers both match swagger.yaml, the emulator keeps and
 * returns the series as the contract describes it, and refuses patterns the contract cannot mean.
 */
import { emulatorAccessToken } from "../../../../dev/emulator";
import type { RecurrenceRequest } from "../../../../src/shared/api/meetings";
import { Contract, type CapturedResponse } from "./contract";
import { ALEX, meetingInput, startHarness, type Harness } from "./harness";

let contract: Contract;
let h: Harness;

const END = Date.UTC(2031, 5, 30, 23, 59, 59, 999);
const PATTERNS: Array<[string, RecurrenceRequest]> = [
  ["daily, every 2 days, with an end", { recurrenceType: "DAILY", frequency: 2, endDate: END }],
  ["weekdays", { recurrenceType: "WEEKLY", frequency: 1, daysOfWeekMask: 62, endDate: END }],
  ["weekly on Monday and Thursday", { recurrenceType: "WEEKLY", frequency: 1, daysOfWeekMask: 18 }],
  ["monthly on the 15th", { recurrenceType: "MONTHLY", frequency: 1, dayOfMonth: 15, endDate: END }],
  [
    "monthly on the last Friday",
    { recurrenceType: "MONTHLY", frequency: 3, daysOfWeekMask: 32, weekOfMonth: "LAST" },
  ],
];

beforeAll(async () => {
  contract = Contract.load();
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const token = await emulatorAccessToken(h.baseUrl);
  const response = await h.capturingFetch(`${h.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe.each(PATTERNS)("a series %s", (_name, pattern) => {
  test("is created and read back as the contract describes it", async () => {
    h.exchanges.length = 0;
    const client = h.client();
    const created = await client.createMeeting(ALEX.id, meetingInput({ recurrence: pattern }));
    const read = await client.getMeeting(ALEX.id, created.id);
    await h.settled();
    const problems = h.exchanges.flatMap((e) => [
      ...contract.validateRequest(e.request),
      ...(e.response ? contract.validateResponse(e.request, e.response as CapturedResponse) : []),
    ]);
    expect(problems).toEqual([]);
    const post = h.exchanges.find(
      (e) => e.request.method === "POST" && e.request.url.includes("scheduled_meeting"),
    );
    const sent = JSON.parse(post?.request.body ?? "{}") as Record<string, unknown>;
    expect(sent.recurrencePattern).toEqual(pattern);
    expect(sent.endlessMeeting).toBe(pattern.endDate === undefined);
    const got = JSON.parse((h.exchanges.at(-1)?.response as CapturedResponse).body) as Record<
      string,
      unknown
    >;
    expect(got.recurrencePattern).toEqual(
      expect.objectContaining({ ...pattern, endDate: pattern.endDate ?? 0 }),
    );
    expect(got.endlessMeeting).toBe(pattern.endDate === undefined);
    expect(got.parentMeetingId).toBe(read.id);
  });
});

test("an update turns a single meeting into a series, and one without a pattern keeps it", async () => {
  const client = h.client();
  const single = await client.createMeeting(ALEX.id, meetingInput());
  const weekly: RecurrenceRequest = { recurrenceType: "WEEKLY", frequency: 2, daysOfWeekMask: 4 };
  await client.updateMeeting(ALEX.id, single.id, meetingInput({ recurrence: weekly }));
  const after = await raw("GET", `/v1/user/${ALEX.id}/scheduled_meeting/${single.id}`);
  expect((after.body as Record<string, unknown>).recurrencePattern).toEqual(expect.objectContaining(weekly));
  await client.updateMeeting(ALEX.id, single.id, meetingInput({ title: "Moved" }));
  const kept = await raw("GET", `/v1/user/${ALEX.id}/scheduled_meeting/${single.id}`);
  expect((kept.body as Record<string, unknown>).recurrencePattern).toEqual(expect.objectContaining(weekly));
});

test.each([
  [
    "a type the contract does not have",
    { recurrenceType: "YEARLY", frequency: 1 },
    /recurrenceType must be one of/,
  ],
  ["weekly without days", { recurrenceType: "WEEKLY", frequency: 1 }, /needs daysOfWeekMask/],
  ["monthly without a day", { recurrenceType: "MONTHLY", frequency: 1 }, /needs dayOfMonth or weekOfMonth/],
  [
    "both an end date and a count",
    { recurrenceType: "DAILY", frequency: 1, endDate: END, recurrenceCount: 4 },
    /endDate or recurrenceCount, not both/,
  ],
  ["an end before the start", { recurrenceType: "DAILY", frequency: 1, endDate: 1000 }, /must not be before/],
])("the emulator refuses %s with 400 {message}", async (_name, recurrencePattern, message) => {
  const input = meetingInput();
  const answer = await raw("POST", `/v1/user/${ALEX.id}/scheduled_meeting?email=false`, {
    title: input.title,
    start: input.start.getTime(),
    end: input.end.getTime(),
    timezone: input.timezone,
    endPointType: "WEB_APP",
    endPointVersion: "2.10",
    recurrencePattern,
  });
  expect(answer.status).toBe(400);
  expect((answer.body as { message: string }).message).toMatch(message);
});
