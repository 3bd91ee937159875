/**
 * The pane's personal-meeting lookup against the real server and the BlueJeans emulator, and
 * against answers no sound server gives (which must not reach the settings).
 */
import { DEFAULT_SEED } from "../../../../dev/emulator";
import {
  lookUpPersonalRoom,
  type PersonalRoomLookupDeps,
} from "../../../../src/addin/sources/personalRoomLookup";
import { useListeningStack } from "./listeningStack";

const server = useListeningStack();

const lookUp = (overrides: Partial<PersonalRoomLookupDeps> = {}) =>
  lookUpPersonalRoom({ apiBase: server.base, getToken: () => server.stack.tokenFor(), ...overrides });

const answering = (status: number, body: unknown): typeof fetch =>
  (async () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    })) as typeof fetch;

test("finds the personal meeting BlueJeans holds, ready for the settings", async () => {
  const alex = DEFAULT_SEED.users.find((u) => u.email === "alex@contoso.example");
  expect(await lookUp()).toEqual({
    status: "found",
    room: { personalMeetingId: alex?.personalMeetingId, attendeePasscode: alex?.personalPasscode },
  });
  const sam = DEFAULT_SEED.users.find((u) => u.email === "sam@contoso.example");
  expect(
    await lookUp({ getToken: () => server.stack.tokenFor({ preferred_username: "sam@contoso.example" }) }),
  ).toEqual({
    status: "found",
    room: { personalMeetingId: sam?.personalMeetingId },
  });
});

test("no token: the sign-in remedies apply, and nothing is asked of the server", async () => {
  const cause = new Error("consent_required");
  let fetched = false;
  const outcome = await lookUp({
    getToken: () => Promise.reject(cause),
    fetch: (async () => {
      fetched = true;
      return new Response("{}");
    }) as typeof fetch,
  });
  expect(outcome).toEqual({ status: "sign-in", cause });
  expect(fetched).toBe(false);
});

test("a token the server refuses is a sign-in problem too", async () => {
  const outcome = await lookUp({
    getToken: () => server.stack.tokenFor(undefined, server.stack.strangerKey),
  });
  expect(outcome.status).toBe("sign-in");
});

test("no BlueJeans account: the server's message, so the person knows to type it or ask", async () => {
  const outcome = await lookUp({
    getToken: () => server.stack.tokenFor({ preferred_username: "nobody@contoso.example" }),
  });
  expect(outcome).toEqual({
    status: "no-account",
    message: expect.stringContaining("nobody@contoso.example"),
  });
});

test("BlueJeans down, or the server unreachable, is reported, not thrown", async () => {
  await fetch(`${server.stack.emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault: "status=500", path: "/v1/user/1001/personal_meeting", times: 5 }),
  });
  expect(await lookUp()).toEqual({ status: "unavailable", message: expect.any(String) });
  await fetch(`${server.stack.emulatorUrl}/__emulator/faults`, { method: "DELETE" });
  expect(await lookUp({ apiBase: "http://127.0.0.1:9" })).toEqual({
    status: "unavailable",
    message: "The BlueJeans add-in's server could not be reached.",
  });
});

test.each([
  ["an ID with letters", { personalMeetingId: "41555x0101" }],
  ["a passcode that is a number, not text", { personalMeetingId: "4155550101", attendeePasscode: 1234 }],
  ["markup in the ID", { personalMeetingId: "<b>4155550101</b>" }],
  ["no ID at all", {}],
])("%s never reaches the settings", async (_label, body) => {
  expect(await lookUp({ fetch: answering(200, body) })).toEqual({
    status: "unavailable",
    message: "Your personal meeting could not be looked up in BlueJeans just now.",
  });
});
