/**
 * DELETE /api/meetings/:id/duplicates/:numericMeetingId: what a racing first add left behind is
 * deleted, and nothing else. End to end: the server, the real BlueJeans client, the emulator.
 */
import { emulatorAccessToken } from "../../../dev/emulator";
import { createMemoryStore, StoreUnavailableError, type SharedStore } from "../../../src/server/store";
import { SAMPLE_REQUEST, useApiStack, type ApiStack } from "./apiStack";

const current = useApiStack();
let stack: ApiStack;
beforeAll(() => {
  stack = current();
});

/** Upcoming: BlueJeans lists only meetings that have not ended. */
const APPOINTMENT = { ...SAMPLE_REQUEST, start: "2027-01-05T09:00:00.000Z", end: "2027-01-05T09:30:00.000Z" };
const SAM = { oid: "5a5a5a5a-1111-2222-3333-444444444444", preferred_username: "sam@contoso.example" };

interface Made {
  meetingId: number;
  numericMeetingId: string;
}

let keys = 0;
async function create(payload: object = APPOINTMENT, claims?: Record<string, unknown>): Promise<Made> {
  const response = await stack.app.inject({
    method: "POST",
    url: "/api/meetings",
    headers: {
      authorization: `Bearer ${await stack.tokenFor(claims)}`,
      "idempotency-key": `race-key-${String(++keys).padStart(10, "0")}`,
    },
    payload,
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { meeting: Made }).meeting;
}

async function removeDuplicate(kept: number | string, numeric: string, claims?: Record<string, unknown>) {
  return stack.app.inject({
    method: "DELETE",
    url: `/api/meetings/${kept}/duplicates/${numeric}`,
    headers: { authorization: `Bearer ${await stack.tokenFor(claims)}` },
  });
}

async function read(meetingId: number, claims?: Record<string, unknown>): Promise<number> {
  const response = await stack.app.inject({
    method: "GET",
    url: `/api/meetings/${meetingId}`,
    headers: { authorization: `Bearer ${await stack.tokenFor(claims)}` },
  });
  return response.statusCode;
}

test("the racing add's meeting goes, the kept one stays, and the lost one's key may make a meeting again", async () => {
  const kept = await create();
  const extra = await create();
  expect(await stack.activeMeetings()).toBe(2);
  const response = await removeDuplicate(kept.meetingId, extra.numericMeetingId);
  expect(response.statusCode).toBe(204);
  expect(await read(extra.meetingId)).toBe(404);
  expect(await read(kept.meetingId)).toBe(200);
  expect(await stack.activeMeetings()).toBe(1);
  // Asked again (the other add gave way and deleted it too, say): nothing left, which is done.
  expect((await removeDuplicate(kept.meetingId, extra.numericMeetingId)).statusCode).toBe(204);
});

test("a meeting with another title or other times is no twin: 409, nothing is deleted", async () => {
  const kept = await create();
  const retitled = await create({ ...APPOINTMENT, title: "Another meeting" });
  const moved = await create({ ...APPOINTMENT, end: "2027-01-05T10:00:00.000Z" });
  for (const other of [retitled, moved]) {
    const response = await removeDuplicate(kept.meetingId, other.numericMeetingId);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: "not_a_duplicate" });
    expect(response.json().message).toContain(other.numericMeetingId);
    expect(await read(other.meetingId)).toBe(200);
  }
  expect(await stack.activeMeetings()).toBe(3);
});

test("a twin this server did not make (made in BlueJeans itself) is left alone: 409", async () => {
  const kept = await create();
  const token = await emulatorAccessToken(stack.emulatorUrl);
  const made = await fetch(`${stack.emulatorUrl}/v1/user/1001/scheduled_meeting?email=false`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      title: APPOINTMENT.title,
      start: Date.parse(APPOINTMENT.start),
      end: Date.parse(APPOINTMENT.end),
      timezone: APPOINTMENT.timeZone,
      endPointType: "WEB_APP",
      endPointVersion: "2.10",
      attendees: [],
    }),
  });
  expect(made.status).toBe(201);
  const outside = (await made.json()) as { numericMeetingId: string };
  expect((await removeDuplicate(kept.meetingId, outside.numericMeetingId)).statusCode).toBe(409);
  expect(await stack.activeMeetings()).toBe(2);
});

test("someone else's meetings can be neither kept nor removed this way", async () => {
  const alexKept = await create();
  const alexExtra = await create();
  const samKept = await create(APPOINTMENT, SAM);
  // Sam names Alex's meeting as kept (404), or his own kept and Alex's extra: none of Sam's
  // meetings has that ID (204, nothing to do). Either way nothing of Alex's is deleted.
  expect((await removeDuplicate(alexKept.meetingId, alexExtra.numericMeetingId, SAM)).statusCode).toBe(404);
  expect((await removeDuplicate(samKept.meetingId, alexExtra.numericMeetingId, SAM)).statusCode).toBe(204);
  expect(await read(alexExtra.meetingId)).toBe(200);
  expect(await stack.activeMeetings()).toBe(3);
});

test("the kept meeting's own numeric ID deletes nothing; bad ids are refused", async () => {
  const kept = await create();
  expect((await removeDuplicate(kept.meetingId, kept.numericMeetingId)).statusCode).toBe(204);
  expect(await read(kept.meetingId)).toBe(200);
  expect((await removeDuplicate(kept.meetingId, "12ab")).statusCode).toBe(400);
  expect((await removeDuplicate("0", kept.numericMeetingId)).statusCode).toBe(404);
  expect((await removeDuplicate(kept.meetingId, "123")).statusCode).toBe(400);
});

test("a store that cannot be read: 503 with Retry-After, and nothing is deleted", async () => {
  const store = createMemoryStore();
  let reachable = true;
  const flaky: SharedStore = {
    ...store,
    shared: store.shared,
    get: (key) => (reachable ? store.get(key) : Promise.reject(new StoreUnavailableError("gone"))),
  };
  const app = await stack.startInstance({ wiring: { store: flaky } });
  const auth = { authorization: `Bearer ${await stack.tokenFor()}` };
  const made: Made[] = [];
  for (const key of ["store-race-key-00001", "store-race-key-00002"]) {
    const response = await app.inject({
      method: "POST",
      url: "/api/meetings",
      headers: { ...auth, "idempotency-key": key },
      payload: APPOINTMENT,
    });
    made.push((response.json() as { meeting: Made }).meeting);
  }
  const [kept, extra] = made as [Made, Made];
  reachable = false;
  const response = await app.inject({
    method: "DELETE",
    url: `/api/meetings/${kept.meetingId}/duplicates/${extra.numericMeetingId}`,
    headers: auth,
  });
  expect(response.statusCode).toBe(503);
  expect(response.headers["retry-after"]).toBe("5");
  expect(response.json()).toMatchObject({ error: "store_unavailable" });
  expect(await stack.activeMeetings()).toBe(2);
  await app.close();
});

test("a twin made by this server under another sign-in of the same BlueJeans account is left alone: 409", async () => {
  // Same mailbox, another directory object (say a second tenant's account with that address):
  // the create links are kept per tenant and object, so this sign-in cannot vouch for the twin.
  const elsewhere = { oid: "0b0b0b0b-1111-2222-3333-444444444444" };
  const kept = await create();
  const extra = await create(APPOINTMENT, elsewhere);
  expect((await removeDuplicate(kept.meetingId, extra.numericMeetingId)).statusCode).toBe(409);
  expect(await read(extra.meetingId)).toBe(200);
});
