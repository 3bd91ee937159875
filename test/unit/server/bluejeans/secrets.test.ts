/**
 * The client secret (and access tokens) never appear in an error, its message or detail, or a
 * log event: not against the emulator under every fault, and not when a server or the network
 * echoes them back.
 */
import { inspect } from "node:util";
import {
  BlueJeansError,
  createBlueJeansClient,
  type BlueJeansLogEvent,
} from "../../../../src/server/bluejeans";
import { ALEX, meetingInput, startHarness, type Harness } from "./harness";

const SECRET = 's3cr3t/with+odd=chars&"quotes"-4f1b9e';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { clientSecret: SECRET } });
});
afterAll(async () => {
  await h.close();
});

/** Every way an error can be shown. */
function renderings(error: unknown): string[] {
  const e = error as BlueJeansError;
  return [String(e), e.message, e.detail ?? "", e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 5 })];
}

function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

function expectClean(texts: string[], secrets: string[]): void {
  for (const text of texts)
    for (const secret of secrets) for (const form of forms(secret)) expect(text).not.toContain(form);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

test("against the emulator, under every fault: no secret, no token", async () => {
  const logs: BlueJeansLogEvent[] = [];
  const errors: unknown[] = [];
  // Long enough for a loaded machine to answer; the "hang" fault still runs into it.
  const client = h.client({ timeoutMs: 500, maxRetries: 1, log: (event) => logs.push(event) });
  const created = await client.createMeeting(ALEX.id, meetingInput());
  const faults = [
    "status=500",
    "status=429;retry-after=0",
    "hang",
    "malformed",
    "expire-token",
    "status=401",
    "status=400",
  ];
  for (const fault of faults) {
    await h.fault({ path: `/v1/user/${ALEX.id}/scheduled_meeting/${created.id}`, fault, times: 3 });
    errors.push(await caught(client.getMeeting(ALEX.id, created.id)).catch((error: unknown) => error));
    await h.clearFaults();
  }
  errors.push(
    await caught(
      h.client({ clientSecret: `${SECRET}x`, log: (e) => logs.push(e) }).findUserByEmail(ALEX.email),
    ),
  );
  await h.settled();

  const tokens = h.exchanges
    .map((e) => /^Bearer (.+)$/.exec(e.request.headers.authorization ?? "")?.[1])
    .filter((token): token is string => token !== undefined);
  expect(tokens.length).toBeGreaterThan(0);
  expect(errors.filter((e) => e instanceof BlueJeansError)).toHaveLength(errors.length);
  expect(logs.length).toBeGreaterThan(10);
  expectClean(errors.flatMap(renderings), [SECRET, ...tokens]);
  expectClean(
    logs.map((event) => JSON.stringify(event)),
    [SECRET, ...tokens],
  );
});

test("a server that echoes the request, a network error that quotes it: redacted", async () => {
  const logs: BlueJeansLogEvent[] = [];
  const echo = (status: number) =>
    createBlueJeansClient({
      baseUrl: "https://bluejeans.invalid",
      clientId: "app",
      clientSecret: SECRET,
      enterpriseId: 1,
      maxRetries: 0,
      log: (event) => logs.push(event),
      fetch: async (_input, init) =>
        new Response(
          JSON.stringify({ message: `bad request: ${String(init?.body)} ${encodeURIComponent(SECRET)}` }),
          {
            status,
            headers: { "content-type": "application/json" },
          },
        ),
    });
  const throwing = createBlueJeansClient({
    baseUrl: "https://bluejeans.invalid",
    clientId: "app",
    clientSecret: SECRET,
    enterpriseId: 1,
    maxRetries: 0,
    log: (event) => logs.push(event),
    fetch: async (_input, init) => {
      throw new TypeError(`fetch failed for ${String(init?.body)}`, {
        cause: new Error(`secret was ${SECRET}`),
      });
    },
  });
  const errors = [
    await caught(echo(400).findUserByEmail(ALEX.email)),
    await caught(echo(500).findUserByEmail(ALEX.email)),
    await caught(throwing.findUserByEmail(ALEX.email)),
  ];
  for (const error of errors) expect(error).toBeInstanceOf(BlueJeansError);
  // The server's words survive, minus the secret.
  expect((errors[0] as BlueJeansError).detail).toMatch(/bad request: .*\[redacted\]/);
  expectClean(errors.flatMap(renderings), [SECRET]);
  expectClean(
    logs.map((event) => JSON.stringify(event)),
    [SECRET],
  );
});

test("an access token echoed in an error body is redacted too", async () => {
  const token = "tok_0123456789abcdef";
  const client = createBlueJeansClient({
    baseUrl: "https://bluejeans.invalid",
    clientId: "app",
    clientSecret: SECRET,
    enterpriseId: 1,
    maxRetries: 0,
    fetch: async (input) =>
      String(input).endsWith("/oauth2/token")
        ? Response.json({ access_token: token, expires_in: 3600 })
        : new Response(`<html>token ${token} is not allowed here</html>`, { status: 418 }),
  });
  const error = await caught(client.getMeeting(1, 2));
  expect(error).toMatchObject({ code: "rejected", status: 418 });
  expectClean(renderings(error), [token]);
});

test("a logger that throws does not fail the call", async () => {
  const client = h.client({
    log: () => {
      throw new Error("disk full");
    },
  });
  await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
});
