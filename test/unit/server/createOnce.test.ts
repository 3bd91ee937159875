/** The request fingerprint an idempotency record is checked against (createOnce.ts). */
import { createHash } from "node:crypto";
import { fingerprintOf } from "../../../src/server/routes/createOnce";

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
