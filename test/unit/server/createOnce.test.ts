/** Idempotency records of creates (createOnce.ts): their fingerprint and what they keep. */
import { createHash } from "node:crypto";
import { createOnceWith, fingerprintOf, type CreateAnswer } from "../../../src/server/routes/createOnce";
import { createMemoryStore } from "../../../src/server/store";

const body = {
  title: "Weekly sync",
  start: "2026-12-01T10:00:00.000Z",
  end: "2026-12-01T10:30:00.000Z",
  timeZone: "Europe/Berlin",
  attendees: ["sam@contoso.example", "alex@contoso.example"],
  options: { attendeePasscode: true, muteOnEntry: false },
};

test("the same request with its keys in another order has the same fingerprint", () => {
  const reordered = {
    options: { muteOnEntry: false, attendeePasscode: true },
    attendees: ["sam@contoso.example", "alex@contoso.example"],
    timeZone: "Europe/Berlin",
    end: "2026-12-01T10:30:00.000Z",
    start: "2026-12-01T10:00:00.000Z",
    title: "Weekly sync",
  };
  expect(fingerprintOf(reordered)).toBe(fingerprintOf(body));
});

test.each([
  ["another title", { ...body, title: "Weekly sync " }],
  ["attendees in another order", { ...body, attendees: [...body.attendees].reverse() }],
  ["an option changed", { ...body, options: { ...body.options, muteOnEntry: true } }],
  ["a field added", { ...body, recurrence: { recurrenceType: "DAILY", frequency: 1 } }],
  ["a string where a boolean was", { ...body, options: { ...body.options, attendeePasscode: "true" } }],
])("%s: another fingerprint", (_what, changed) => {
  expect(fingerprintOf(changed)).not.toBe(fingerprintOf(body));
});

test("it is the SHA-256 of the JSON with sorted keys, as records already stored were made", () => {
  const sorted =
    '{"attendees":["sam@contoso.example","alex@contoso.example"],"end":"2026-12-01T10:30:00.000Z",' +
    '"options":{"attendeePasscode":true,"muteOnEntry":false},"start":"2026-12-01T10:00:00.000Z",' +
    '"timeZone":"Europe/Berlin","title":"Weekly sync"}';
  expect(fingerprintOf(body)).toBe(createHash("sha256").update(sorted).digest("base64url"));
});

describe("a kept answer", () => {
  const made: CreateAnswer = {
    status: 201,
    body: { error: "not_a_meeting", message: 'Quotes " and \u2028 and </script> survive' },
    headers: { "Retry-After": "5" },
  };

  test("is stored as the record's JSON, and the reply gets the same body already serialized", async () => {
    const store = createMemoryStore();
    const createOnce = createOnceWith({ store, ttlMs: 60_000, now: () => 1_000 });
    const answer = await createOnce("create:k1", body, async () => ({ answer: made, keep: true }));
    expect(answer).toMatchObject(made);
    expect(JSON.parse(answer.json!)).toEqual(made.body);
    expect(JSON.parse((await store.get("create:k1"))!)).toEqual({
      state: "settled",
      fingerprint: fingerprintOf(body),
      since: 1_000,
      answer: made,
    });
  });

  test("is what a retry gets, without creating again", async () => {
    const store = createMemoryStore();
    const createOnce = createOnceWith({ store, ttlMs: 60_000 });
    const create = jest.fn(async () => ({ answer: made, keep: true }));
    await createOnce("create:k2", body, create);
    const retry = await createOnce("create:k2", { ...body }, create);
    expect(create).toHaveBeenCalledTimes(1);
    expect(retry).toEqual(made);
  });
});
