/**
 * Dial-in numbers (GET /v1/user/{user}/meetings/{meeting}/numbers). A read asks for that
 * meeting's own numbers, once. A create costs BlueJeans one call once the user's numbers are
 * known to be the inherited ones (every number says `defaultSettingsInherited`); numbers set on a
 * meeting itself are never given to another meeting.
 */
import { SAMPLE_REQUEST, startApiStack, type ApiStack } from "./apiStack";

const numbersAsked: string[] = [];
/** How many numbers requests to answer 404, as for a meeting BlueJeans cannot find yet. */
let failNumbers = 0;
/** BlueJeans users whose meetings have numbers of their own (not inherited): sam's. */
const OWN_NUMBERS_USER = 1002;
const ownNumberOf = (meetingId: number) => `+1.555.01${String(meetingId).padStart(2, "0")}`;

const recording: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const match = /\/user\/(\d+)\/meetings\/(\d+)\/numbers$/.exec(url.pathname);
  if (!match) return fetch(input, init);
  numbersAsked.push(url.pathname);
  if (failNumbers > 0) {
    failNumbers--;
    return new Response(JSON.stringify({ message: "Meeting not found" }), { status: 404 });
  }
  const response = await fetch(input, init);
  if (Number(match[1]) !== OWN_NUMBERS_USER || !response.ok) return response;
  const body = (await response.json()) as { numbers: Record<string, unknown>[] };
  const number = ownNumberOf(Number(match[2]));
  body.numbers = [{ ...body.numbers[0], number, defaultSettingsInherited: false, default: true }];
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
};

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack({ bluejeans: { fetch: recording } });
});
afterAll(() => stack.close());
beforeEach(async () => {
  numbersAsked.length = 0;
  failNumbers = 0;
  await fetch(`${stack.emulatorUrl}/__emulator/reset`, { method: "POST" });
});

async function create(authorization: string, key: string, app = stack.app) {
  const created = await app.inject({
    method: "POST",
    url: "/api/meetings",
    headers: { authorization, "idempotency-key": key },
    payload: SAMPLE_REQUEST,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  return created.json().meeting as { meetingId: number; dialIn: { number: string }[] };
}

test("each meeting's numbers are fetched for that meeting when it is read, and once", async () => {
  const authorization = `Bearer ${await stack.tokenFor({ preferred_username: "alex@contoso.example" })}`;
  const ids: number[] = [];
  for (const key of ["numbers-per-meeting-1", "numbers-per-meeting-2"]) {
    ids.push(Number((await create(authorization, key)).meetingId));
  }
  for (const id of ids) {
    for (let i = 0; i < 2; i++) {
      const read = await stack.app.inject({
        method: "GET",
        url: `/api/meetings/${id}`,
        headers: { authorization },
      });
      expect(read.statusCode).toBe(200);
    }
  }
  const asked = ids.map(
    (id) => numbersAsked.filter((path) => path.endsWith(`/meetings/${id}/numbers`)).length,
  );
  expect(asked).toEqual([1, 1]);
});

test("a user's inherited numbers are asked for once: the next creates cost one BlueJeans call", async () => {
  const authorization = `Bearer ${await stack.tokenFor({ preferred_username: "robin@contoso.example" })}`;
  const meetings = [];
  for (const key of ["numbers-inherited-1", "numbers-inherited-2", "numbers-inherited-3"])
    meetings.push(await create(authorization, key));
  expect(numbersAsked).toHaveLength(1);
  // The same numbers, the emulator's inherited ones, on every meeting.
  expect(meetings[0]!.dialIn.length).toBeGreaterThan(0);
  expect(meetings[1]!.dialIn).toEqual(meetings[0]!.dialIn);
  expect(meetings[2]!.dialIn).toEqual(meetings[0]!.dialIn);
});

test("numbers set on a meeting itself are that meeting's only: each create asks for its own", async () => {
  const authorization = `Bearer ${await stack.tokenFor({ preferred_username: "sam@contoso.example" })}`;
  const meetings = [];
  for (const key of ["numbers-of-its-own-1", "numbers-of-its-own-2", "numbers-of-its-own-3"])
    meetings.push(await create(authorization, key));
  for (const meeting of meetings) {
    expect(meeting.dialIn.map((n) => n.number)).toEqual([ownNumberOf(meeting.meetingId)]);
  }
  expect(numbersAsked).toEqual(
    meetings.map((m) => `/v1/user/${OWN_NUMBERS_USER}/meetings/${m.meetingId}/numbers`),
  );
});

test("numbers that could not be fetched are not reused: the next create asks again", async () => {
  const app = await stack.startInstance();
  const authorization = `Bearer ${await stack.tokenFor({ preferred_username: "alex@contoso.example" })}`;
  failNumbers = 1;
  const first = await create(authorization, "numbers-failed-1", app);
  const second = await create(authorization, "numbers-failed-2", app);
  const third = await create(authorization, "numbers-failed-3", app);
  expect(numbersAsked).toEqual([
    `/v1/user/1001/meetings/${first.meetingId}/numbers`,
    `/v1/user/1001/meetings/${second.meetingId}/numbers`,
  ]);
  expect(third.dialIn).toEqual(second.dialIn);
});

test("a user's inherited numbers are asked for again after ten minutes", async () => {
  let clock = Date.UTC(2026, 11, 1, 9);
  const app = await stack.startInstance({
    bluejeans: { fetch: recording },
    wiring: { tuning: { now: () => clock } },
  });
  const authorization = `Bearer ${await stack.tokenFor({ preferred_username: "robin@contoso.example" })}`;
  await create(authorization, "numbers-expire-1", app);
  clock += 9 * 60_000;
  await create(authorization, "numbers-expire-2", app);
  expect(numbersAsked).toHaveLength(1);
  clock += 60_000 + 1;
  const third = await create(authorization, "numbers-expire-3", app);
  expect(numbersAsked).toEqual([expect.any(String), `/v1/user/1003/meetings/${third.meetingId}/numbers`]);
});
