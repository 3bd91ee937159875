/**
 * GET /api/personal-meeting end to end: a token from the stand-in for Entra ID, the server driven
 * with inject, the real BlueJeans client reading the emulator's personal-meeting endpoint.
 */
import { DEFAULT_SEED } from "../../../dev/emulator";
import { PERSONAL_MEETING_PATH } from "../../../src/shared/api/personalMeeting";
import { startApiStack, type ApiStack } from "./apiStack";

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(() => stack.close());
beforeEach(async () => {
  await fetch(`${stack.emulatorUrl}/__emulator/reset`, { method: "POST" });
});

async function lookUp(authorization?: string) {
  return stack.app.inject({
    method: "GET",
    url: PERSONAL_MEETING_PATH,
    headers: authorization === undefined ? {} : { authorization },
  });
}

async function fault(path: string, fault: string, times = 5): Promise<void> {
  await fetch(`${stack.emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault, path, times }),
  });
}

const seeded = (email: string) => DEFAULT_SEED.users.find((u) => u.email === email);

test("the signed-in person's personal meeting ID and passcode, as BlueJeans holds them, never cached", async () => {
  const alex = seeded("alex@contoso.example");
  const response = await lookUp(`Bearer ${await stack.tokenFor()}`);
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({
    personalMeetingId: alex?.personalMeetingId,
    attendeePasscode: alex?.personalPasscode,
  });
  expect(response.headers["cache-control"]).toBe("no-store");
});

test("a room without an attendee passcode answers without one", async () => {
  const sam = seeded("sam@contoso.example");
  const response = await lookUp(
    `Bearer ${await stack.tokenFor({ preferred_username: "sam@contoso.example" })}`,
  );
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ personalMeetingId: sam?.personalMeetingId });
});

test.each([
  ["no token", undefined, "missing_token"],
  ["a token signed by a stranger", "stranger", "bad_signature"],
  ["a token without the API's scope", "scope", "missing_scope"],
])("%s is refused with the meetings API's token check", async (_label, kind, error) => {
  const token =
    kind === "stranger"
      ? await stack.tokenFor(undefined, stack.strangerKey)
      : kind === "scope"
        ? await stack.tokenFor({ scp: "User.Read" })
        : undefined;
  const response = await lookUp(token === undefined ? undefined : `Bearer ${token}`);
  expect(response.statusCode).toBe(401);
  expect(response.json().error).toBe(error);
  expect(response.headers["www-authenticate"]).toContain("invalid_token");
});

test("a person without a BlueJeans account is told so, as the meetings API tells them", async () => {
  const response = await lookUp(
    `Bearer ${await stack.tokenFor({ preferred_username: "nobody@contoso.example" })}`,
  );
  expect(response.statusCode).toBe(403);
  expect(response.json()).toEqual({
    error: "no_bluejeans_account",
    message:
      "No BlueJeans account in your company uses nobody@contoso.example. Ask your BlueJeans admin to add you.",
  });
});

test("BlueJeans failing is reported as such, and the secret never shows", async () => {
  await fault("/v1/user/1001/personal_meeting", "status=500");
  const response = await lookUp(`Bearer ${await stack.tokenFor()}`);
  expect(response.statusCode).toBe(503);
  expect(response.json().error).toBe("bluejeans_unavailable");
  expect(response.body).not.toContain(DEFAULT_SEED.clientSecret);
  await fetch(`${stack.emulatorUrl}/__emulator/faults`, { method: "DELETE" });
  expect((await lookUp(`Bearer ${await stack.tokenFor()}`)).statusCode).toBe(200);
});
