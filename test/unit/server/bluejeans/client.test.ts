/**
 * The client against the emulator over real HTTP: the happy path, then every fault the emulator
 * can inject. Waits between retries are recorded, not slept.
 */
import net from "node:net";
import { BlueJeansError, createBlueJeansClient } from "../../../../src/server/bluejeans";
import { DEFAULT_DIAL_IN, joinUrlFor } from "../../../../src/shared/meeting/model";
import { DEFAULT_SEED } from "../../../../dev/emulator";
import { ALEX, meetingInput, ROUTES, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.reset();
});

async function failure(promise: Promise<unknown>): Promise<BlueJeansError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BlueJeansError) return error;
    throw error;
  }
  throw new Error("expected a BlueJeansError");
}

const meetingPath = (id: number) => `/v1/user/${ALEX.id}/scheduled_meeting/${id}`;

describe("happy path", () => {
  test("finds users by exact email, case-insensitively, only in the enterprise", async () => {
    const client = h.client();
    await expect(client.findUserByEmail("alex@contoso.example")).resolves.toEqual({ id: 1001 });
    await expect(client.findUserByEmail("  Sam@Contoso.Example ")).resolves.toEqual({ id: 1002 });
    await expect(client.findUserByEmail("nobody@contoso.example")).resolves.toBeUndefined();
    // Pat exists, in another enterprise.
    await expect(client.findUserByEmail("pat@fabrikam.example")).resolves.toBeUndefined();
    await expect(h.count(ROUTES.users)).resolves.toBe(4);
  });

  test("remembers user lookups (found and not found) until they expire", async () => {
    let clock = 1_000_000;
    const client = h.client({ now: () => clock, userCacheTtlMs: 60_000 });
    await client.findUserByEmail(ALEX.email);
    await client.findUserByEmail("ALEX@contoso.example");
    await client.findUserByEmail("nobody@contoso.example");
    await client.findUserByEmail("nobody@contoso.example");
    await expect(h.count(ROUTES.users)).resolves.toBe(2);
    clock += 61_000;
    await client.findUserByEmail(ALEX.email);
    await expect(h.count(ROUTES.users)).resolves.toBe(3);
  });

  test("user cache is bounded", async () => {
    const client = h.client({ userCacheSize: 1 });
    await client.findUserByEmail(ALEX.email);
    await client.findUserByEmail("sam@contoso.example");
    await client.findUserByEmail(ALEX.email);
    await expect(h.count(ROUTES.users)).resolves.toBe(3);
  });

  test("creates, reads, updates, numbers, converts and deletes a meeting", async () => {
    const client = h.client();
    const input = meetingInput();
    const created = await client.createMeeting(ALEX.id, input);
    expect(created).toMatchObject({
      title: "Quarterly planning",
      description: "Agenda in the invitation.",
      start: input.start.getTime(),
      end: input.end.getTime(),
      timezone: "Europe/Berlin",
      attendees: ["sam@contoso.example", "robin@contoso.example"],
      addAttendeePasscode: true,
      isPersonalMeeting: false,
      deleted: false,
      moderator: { id: 1001, username: "alex", firstname: "Alex", lastname: "Wilber" },
      advancedMeetingOptions: { moderatorLess: false, muteParticipantsOnEntry: false, autoRecord: false },
    });
    expect(created.numericMeetingId).toMatch(/^[1-9]\d{8,9}$/);
    expect(created.attendeePasscode).toMatch(/^\d{4}$/);
    // BlueJeans must not email a second invitation.
    const createUrls = h.exchanges
      .filter((e) => e.request.method === "POST" && e.request.url.includes("scheduled"))
      .map((e) => new URL(e.request.url));
    expect(createUrls.map((url) => url.searchParams.get("email"))).toEqual(["false"]);

    await expect(client.getMeeting(ALEX.id, created.id)).resolves.toEqual(created);

    const later = meetingInput({
      title: "Quarterly planning (moved)",
      start: new Date(input.start.getTime() + 86_400_000),
      end: new Date(input.end.getTime() + 86_400_000),
      muteOnEntry: true,
      moderatorLess: true,
      attendees: ["sam@contoso.example"],
    });
    const updated = await client.updateMeeting(ALEX.id, created.id, later);
    expect(updated).toMatchObject({
      id: created.id,
      numericMeetingId: created.numericMeetingId,
      attendeePasscode: created.attendeePasscode,
      title: "Quarterly planning (moved)",
      start: later.start.getTime(),
      attendees: ["sam@contoso.example"],
      sequenceNumber: 1,
      advancedMeetingOptions: { moderatorLess: true, muteParticipantsOnEntry: true },
    });

    const numbers = await client.getDialInNumbers(ALEX.id, created.id, { country: "GB" });
    expect(numbers.numbers.map((n) => n.country)).toEqual(["GB", "GB"]);
    const model = client.toMeetingModel(updated, numbers, "Alex W.");
    expect(model).toEqual({
      source: "scheduled",
      numericMeetingId: created.numericMeetingId,
      attendeePasscode: created.attendeePasscode,
      joinUrl: joinUrlFor(created.numericMeetingId, created.attendeePasscode),
      organizerName: "Alex W.",
      dialIn: [
        { number: "+44.20.7946.0123", label: "United Kingdom (London)", tollFree: false },
        { number: "+44.808.157.0192", label: "United Kingdom (toll free)", tollFree: true },
      ],
      moreNumbersUrl: "https://bluejeans.com/numbers",
      roomSystem: { host: "bjn.vc", ip: "199.48.152.152", sipDomain: "bjn.vc" },
      testUrl: "https://bluejeans.com/111",
      meetingId: created.id,
    });

    await expect(client.deleteMeeting(ALEX.id, created.id)).resolves.toBe(true);
    expect((await failure(client.getMeeting(ALEX.id, created.id))).code).toBe("not_found");
    // Already gone (or never this user's): false.
    await expect(client.deleteMeeting(ALEX.id, created.id)).resolves.toBe(false);
    expect(await h.state()).toMatchObject({ meetings: { total: 1, deleted: 1 }, tokens: { requests: 1 } });
  });

  test("a meeting without a passcode, and numbers for the default country", async () => {
    const client = h.client();
    const created = await client.createMeeting(
      ALEX.id,
      meetingInput({ attendeePasscode: false, attendees: [] }),
    );
    expect(created.attendeePasscode).toBeUndefined();
    const numbers = await client.getDialInNumbers(ALEX.id, created.id);
    const model = client.toMeetingModel(created, numbers);
    expect(model.joinUrl).toBe(`https://bluejeans.com/${created.numericMeetingId}?src=calendarLink`);
    expect(model.organizerName).toBe("Alex Wilber");
    expect(model.dialIn).toEqual([
      { number: "+1.408.740.7256", label: "United States (San Jose)", tollFree: false },
      { number: "+1.888.240.2560", label: "United States (toll free)", tollFree: true },
    ]);
    expect(client.toMeetingModel(created).dialIn).toEqual([...DEFAULT_DIAL_IN]);
  });

  test("reads a personal meeting", async () => {
    await expect(h.client().getPersonalMeeting(ALEX.id)).resolves.toEqual({
      numericMeetingId: "4155550101",
      attendeePasscode: "1234",
      moderator: { firstname: "Alex", lastname: "Wilber" },
    });
  });

  test("someone else's meeting is not found; another enterprise's user is refused", async () => {
    const client = h.client();
    const created = await client.createMeeting(ALEX.id, meetingInput());
    expect((await failure(client.getMeeting(1002, created.id))).code).toBe("not_found");
    const refused = await failure(client.createMeeting(2001, meetingInput()));
    expect(refused).toMatchObject({ code: "unauthorized", status: 403 });
  });

  test("checks its input before sending anything", async () => {
    const client = h.client();
    const cases = [
      meetingInput({ title: "  " }),
      meetingInput({ end: new Date(Date.UTC(2031, 0, 15, 13, 0, 0)) }),
      meetingInput({ timezone: "Mars/Olympus_Mons" }),
      meetingInput({ start: new Date(Number.NaN) }),
    ];
    for (const input of cases) {
      const error = await failure(client.createMeeting(ALEX.id, input));
      expect(error).toMatchObject({ code: "rejected", status: undefined });
    }
    expect((await failure(client.getMeeting(0, 1))).code).toBe("rejected");
    expect((await failure(client.findUserByEmail("not an email"))).code).toBe("rejected");
    expect(h.exchanges).toHaveLength(0);
  });

  test("a 400 from BlueJeans is rejected, not retried", async () => {
    const client = h.client();
    await h.fault({ path: `/v1/user/${ALEX.id}/scheduled_meeting`, fault: "status=400" });
    const error = await failure(client.createMeeting(ALEX.id, meetingInput()));
    expect(error).toMatchObject({ code: "rejected", status: 400 });
    expect(error.message).toMatch(/Check the meeting's title, times and attendees/);
    await expect(h.count(ROUTES.create)).resolves.toBe(1);
  });
});

describe("whose account a user search names", () => {
  // A BlueJeans whose user search answers with the given users, whatever was asked.
  const searchAnswering =
    (users: unknown[]): typeof fetch =>
    async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.endsWith("/users")) return h.capturingFetch(input, init);
      return new Response(JSON.stringify({ count: users.length, users }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    };

  test("asks for the email field and takes only the exact (case-insensitive) match", async () => {
    const client = h.client({
      fetch: searchAnswering([
        { id: 7, email: "alex@contoso.example.evil" },
        { id: 8, email: "ALEX@Contoso.Example" },
      ]),
    });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 8 });
  });

  test("a partial match is nobody's account", async () => {
    const client = h.client({ fetch: searchAnswering([{ id: 7, email: "alex@contoso.example.evil" }]) });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toBeUndefined();
  });

  test("users without their email addresses are a bad response, never the first one", async () => {
    const client = h.client({ fetch: searchAnswering([{ id: 7, uri: "/v1/user/7" }]) });
    const error = await failure(client.findUserByEmail(ALEX.email));
    expect(error.code).toBe("bad_response");
  });

  test("the search asks BlueJeans for the email field", async () => {
    await h.client().findUserByEmail(ALEX.email);
    const search = h.exchanges.find((e) => new URL(e.request.url).pathname.endsWith("/users"));
    expect(new URL(search?.request.url ?? "http://x").searchParams.get("fields")).toBe("email");
  });
});

describe("tolerates how real BlueJeans answers", () => {
  let quirky: Harness;
  beforeAll(async () => {
    quirky = await startHarness({
      seed: { quirks: { userSearchKey: "users", meetingSpelling: "observed", numbersAsStrings: true } },
    });
  });
  afterAll(async () => {
    await quirky.close();
  });

  test("users: [{id, uri}], deleted/sequenceNumber spellings, numbers as strings", async () => {
    const client = quirky.client();
    const user = await client.findUserByEmail(ALEX.email);
    expect(user).toEqual({ id: 1001 });
    const userId = user?.id ?? 0;
    const created = await client.createMeeting(userId, meetingInput());
    expect(typeof created.id).toBe("number");
    expect(typeof created.start).toBe("number");
    const updated = await client.updateMeeting(userId, created.id, meetingInput({ title: "Renamed" }));
    expect(updated).toMatchObject({ id: created.id, sequenceNumber: 1, deleted: false, title: "Renamed" });
    await client.deleteMeeting(userId, created.id);
  });
});

describe("faults", () => {
  test("latency within the timeout succeeds on the first attempt", async () => {
    const client = h.client({ timeoutMs: 1_000 });
    await h.fault({ path: "/v1/enterprise/*/users", fault: "latency=100", times: 1 });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
    // The answer came through the latency fault (the emulator marks it), with no retry.
    expect(h.exchanges.at(-1)?.response?.headers["x-emulator-fault"]).toBe("latencyMs");
    expect(h.sleeps).toEqual([]);
    await expect(h.count(ROUTES.users)).resolves.toBe(1);
  });

  test("latency past the timeout is a timeout", async () => {
    // Timeouts here are generous for a loaded machine; the fault always runs far past them.
    const client = h.client({ timeoutMs: 400, maxRetries: 0 });
    await h.fault({ path: "/v1/enterprise/*/users", fault: "latency=3000" });
    expect(await failure(client.findUserByEmail(ALEX.email))).toMatchObject({
      code: "timeout",
      status: undefined,
    });
  });

  test("a hang becomes a timeout error after the retries", async () => {
    const client = h.client({ timeoutMs: 400, maxRetries: 2 });
    const created = await client.createMeeting(ALEX.id, meetingInput());
    await h.fault({ path: meetingPath(created.id), method: "GET", fault: "hang" });
    const error = await failure(client.getMeeting(ALEX.id, created.id));
    expect(error).toMatchObject({ code: "timeout", status: undefined });
    expect(error.message).toMatch(/did not answer in time/);
    await expect(h.count(ROUTES.get)).resolves.toBe(3);
    expect(h.sleeps).toEqual([100, 200]);
  });

  test("a create that hangs is not repeated: it may have succeeded", async () => {
    const client = h.client({ timeoutMs: 400 });
    await h.fault({ path: `/v1/user/${ALEX.id}/scheduled_meeting`, method: "POST", fault: "hang" });
    const error = await failure(client.createMeeting(ALEX.id, meetingInput()));
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(/may have been created anyway/);
    await expect(h.count(ROUTES.create)).resolves.toBe(1);
  });

  test("500 then success: retried after a jittered backoff", async () => {
    const client = h.client();
    await h.fault({ path: "/v1/enterprise/*/users", fault: "status=500", times: 1 });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
    await expect(h.count(ROUTES.users)).resolves.toBe(2);
    expect(h.sleeps).toEqual([100]); // random 0.5 × 200 ms
  });

  test("500 on a create is not retried", async () => {
    const client = h.client();
    await h.fault({
      path: `/v1/user/${ALEX.id}/scheduled_meeting`,
      method: "POST",
      fault: "status=500",
      times: 1,
    });
    const error = await failure(client.createMeeting(ALEX.id, meetingInput()));
    expect(error).toMatchObject({ code: "unavailable", status: 500 });
    await expect(h.count(ROUTES.create)).resolves.toBe(1);
    expect(h.sleeps).toEqual([]);
  });

  test("PUT and DELETE are retried on 5xx", async () => {
    const client = h.client();
    const created = await client.createMeeting(ALEX.id, meetingInput());
    await h.fault({ path: meetingPath(created.id), method: "PUT", fault: "status=503", times: 1 });
    await h.fault({ path: meetingPath(created.id), method: "DELETE", fault: "status=502", times: 1 });
    await client.updateMeeting(ALEX.id, created.id, meetingInput({ title: "Again" }));
    await client.deleteMeeting(ALEX.id, created.id);
    await expect(h.count(ROUTES.update)).resolves.toBe(2);
    await expect(h.count(ROUTES.delete)).resolves.toBe(2);
  });

  test("429 with Retry-After in seconds: waits that long and retries", async () => {
    const client = h.client();
    await h.fault({ path: "/v1/enterprise/*/users", fault: "status=429;retry-after=1", times: 1 });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
    expect(h.sleeps).toEqual([1_000]);
  });

  test("429 with Retry-After as an HTTP date", async () => {
    const now = Date.parse("2031-01-15T14:00:00Z");
    const client = h.client({ now: () => now });
    const date = new Date(now + 3_000).toUTCString();
    await h.fault({ path: "/v1/enterprise/*/users", fault: `status=429;retry-after=${date}`, times: 1 });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
    expect(h.sleeps).toEqual([3_000]);
  });

  test("429 on a create is retried: BlueJeans did nothing", async () => {
    const client = h.client();
    await h.fault({
      path: `/v1/user/${ALEX.id}/scheduled_meeting`,
      fault: "status=429;retry-after=2",
      times: 2,
    });
    await client.createMeeting(ALEX.id, meetingInput());
    expect(h.sleeps).toEqual([2_000, 2_000]);
    expect(await h.state()).toMatchObject({ meetings: { total: 1 } });
  });

  test("429 without Retry-After uses the backoff; when it persists, rate_limited", async () => {
    const client = h.client({ maxRetries: 2 });
    await h.fault({ path: "/v1/enterprise/*/users", fault: "status=429" });
    const error = await failure(client.findUserByEmail(ALEX.email));
    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
    expect(error.message).toMatch(/Wait a minute/);
    expect(h.sleeps).toEqual([100, 200]);
  });

  test("a Retry-After beyond the retry budget is not waited for", async () => {
    const client = h.client({ maxRetryTimeMs: 20_000 });
    await h.fault({ path: "/v1/enterprise/*/users", fault: "status=429;retry-after=60" });
    const error = await failure(client.findUserByEmail(ALEX.email));
    expect(error).toMatchObject({ code: "rate_limited", retryAfterMs: 60_000 });
    expect(h.sleeps).toEqual([]);
    await expect(h.count(ROUTES.users)).resolves.toBe(1);
  });

  test("retry count exhausted: unavailable after 1 + maxRetries attempts", async () => {
    const client = h.client({ maxRetries: 3 });
    await h.fault({ path: "/v1/enterprise/*/users", fault: "status=500" });
    const error = await failure(client.findUserByEmail(ALEX.email));
    expect(error).toMatchObject({ code: "unavailable", status: 500 });
    expect(error.message).toMatch(/not available right now/);
    await expect(h.count(ROUTES.users)).resolves.toBe(4);
    expect(h.sleeps).toEqual([100, 200, 400]);
  });

  test("retry time exhausted: stops before a wait that would pass maxRetryTimeMs", async () => {
    let clock = 0;
    const waits: number[] = [];
    const client = h.client({
      maxRetries: 10,
      maxRetryTimeMs: 1_000,
      random: () => 0.999,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await h.fault({ path: "/v1/enterprise/*/users", fault: "status=503" });
    const error = await failure(client.findUserByEmail(ALEX.email));
    expect(error.code).toBe("unavailable");
    // Waits of about 200 and 400 fit in 1 s; the next (about 800) would not.
    expect(waits).toEqual([199, 399]);
    await expect(h.count(ROUTES.users)).resolves.toBe(3);
  });

  test("401 from an early expiry: one new token, then success", async () => {
    const client = h.client();
    const created = await client.createMeeting(ALEX.id, meetingInput());
    await h.fault({ path: meetingPath(created.id), fault: "expire-token", times: 1 });
    await expect(client.getMeeting(ALEX.id, created.id)).resolves.toMatchObject({ id: created.id });
    expect(await h.state()).toMatchObject({ tokens: { requests: 2 } });
    await expect(h.count(ROUTES.get)).resolves.toBe(2);
  });

  test("401 when the token's time runs out at BlueJeans before the client expected", async () => {
    const client = h.client();
    await client.findUserByEmail(ALEX.email);
    await h.advanceClock(DEFAULT_SEED.tokenTtlSeconds * 1000);
    await expect(client.findUserByEmail("sam@contoso.example")).resolves.toEqual({ id: 1002 });
    expect(await h.state()).toMatchObject({ tokens: { requests: 2 } });
  });

  test("persistent 401: unauthorized after exactly one new token", async () => {
    const client = h.client();
    await h.fault({ path: "/v1/enterprise/*/users", fault: "status=401" });
    const error = await failure(client.findUserByEmail(ALEX.email));
    expect(error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(error.message).toMatch(/client ID, secret and enterprise ID/);
    expect(await h.state()).toMatchObject({ tokens: { requests: 2 } });
    await expect(h.count(ROUTES.users)).resolves.toBe(2);
  });

  test("wrong client credentials: unauthorized, not retried", async () => {
    const client = h.client({ clientSecret: "not-the-secret" });
    const error = await failure(client.findUserByEmail(ALEX.email));
    expect(error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(await h.state()).toMatchObject({ tokens: { requests: 1 } });
  });

  test("the token request itself is retried on 5xx", async () => {
    const client = h.client();
    await h.fault({ path: "/oauth2/token", fault: "status=503", times: 1 });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
    expect(await h.state()).toMatchObject({ tokens: { requests: 2, issued: 1 } });
  });

  test.each(["truncated", "html", "empty"])("malformed body (%s): bad_response", async (kind) => {
    const client = h.client();
    const created = await client.createMeeting(ALEX.id, meetingInput());
    await h.fault({ path: meetingPath(created.id), fault: `malformed=${kind}`, times: 1 });
    const error = await failure(client.getMeeting(ALEX.id, created.id));
    expect(error).toMatchObject({ code: "bad_response", status: 200 });
    expect(error.message).toMatch(/could not read/);
    await expect(h.count(ROUTES.get)).resolves.toBe(1);
  });

  test("malformed token answer: bad_response", async () => {
    const client = h.client();
    await h.fault({ path: "/oauth2/token", fault: "malformed", times: 1 });
    expect((await failure(client.findUserByEmail(ALEX.email))).code).toBe("bad_response");
  });

  test("faults through the X-Emulator-Fault header", async () => {
    let first = true;
    const client = h.client({
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        if (first && String(input).includes("/users")) {
          headers.set("X-Emulator-Fault", "status=429;retry-after=1");
          first = false;
        }
        return h.capturingFetch(input, { ...init, headers });
      },
    });
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
    expect(h.sleeps).toEqual([1_000]);
  });
});

describe("connection failures", () => {
  async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (typeof address !== "object" || address === null) throw new Error("no port");
    return address.port;
  }

  test("connection refused: retried (nothing was sent), then unavailable", async () => {
    const port = await closedPort();
    let calls = 0;
    const sleeps: number[] = [];
    const client = createBlueJeansClient({
      baseUrl: `http://127.0.0.1:${port}`,
      clientId: "id",
      clientSecret: "secret-value",
      enterpriseId: 77777,
      maxRetries: 2,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      fetch: (input, init) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    const error = await failure(client.createMeeting(ALEX.id, meetingInput()));
    expect(error).toMatchObject({ code: "unavailable", status: undefined });
    expect(error.message).toMatch(/could not reach BlueJeans/);
    expect(error.message).not.toMatch(/may have been created/);
    expect(error.detail).toMatch(/ECONNREFUSED/);
    // The token request fails first (3 attempts); the create is never reached.
    expect(calls).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  test("a create refused at connection is retried: it certainly did not arrive", async () => {
    const port = await closedPort();
    let refused = 0;
    const client = h.client({
      fetch: (input, init) => {
        const url = String(input);
        if (init?.method === "POST" && url.includes("scheduled_meeting") && refused === 0) {
          refused += 1;
          return fetch(url.replace(h.baseUrl, `http://127.0.0.1:${port}`), init);
        }
        return h.capturingFetch(input, init);
      },
    });
    await expect(client.createMeeting(ALEX.id, meetingInput())).resolves.toMatchObject({
      title: "Quarterly planning",
    });
    expect(refused).toBe(1);
    expect(h.sleeps).toEqual([100]);
    expect(await h.state()).toMatchObject({ meetings: { total: 1 } });
  });

  test("a create whose connection drops after sending is not retried", async () => {
    const client = h.client();
    await client.findUserByEmail(ALEX.email); // token first
    let creates = 0;
    const dropping = h.client({
      fetch: async (input, init) => {
        if (init?.method === "POST" && String(input).includes("scheduled_meeting")) {
          creates += 1;
          await h.capturingFetch(input, init);
          throw new TypeError("fetch failed", {
            cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
          });
        }
        return h.capturingFetch(input, init);
      },
    });
    const error = await failure(dropping.createMeeting(ALEX.id, meetingInput()));
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/may have been created anyway/);
    expect(creates).toBe(1);
  });
});

describe("token", () => {
  test("one token serves many calls", async () => {
    const client = h.client();
    await client.findUserByEmail(ALEX.email);
    const created = await client.createMeeting(ALEX.id, meetingInput());
    await client.getMeeting(ALEX.id, created.id);
    await client.getDialInNumbers(ALEX.id, created.id);
    await client.deleteMeeting(ALEX.id, created.id);
    expect(await h.state()).toMatchObject({ tokens: { requests: 1 } });
    const auth = new Set(
      h.exchanges
        .filter((e) => !e.request.url.endsWith("/oauth2/token"))
        .map((e) => e.request.headers.authorization),
    );
    expect(auth.size).toBe(1);
    expect([...auth][0]).toMatch(/^Bearer [0-9a-f]+$/);
  });

  test("concurrent calls share one token request", async () => {
    const client = h.client();
    await h.fault({ path: "/oauth2/token", fault: "latency=50", times: 1 });
    const emails = ["alex", "sam", "robin", "nobody", "pat"].map((name) => `${name}@contoso.example`);
    const users = await Promise.all(emails.map((email) => client.findUserByEmail(email)));
    expect(users.map((user) => user?.id)).toEqual([1001, 1002, 1003, undefined, undefined]);
    expect(await h.state()).toMatchObject({ tokens: { requests: 1 } });
  });

  test("concurrent 401s fetch one new token, not one each", async () => {
    const client = h.client();
    await client.findUserByEmail(ALEX.email);
    await h.advanceClock(DEFAULT_SEED.tokenTtlSeconds * 1000);
    await h.fault({ path: "/oauth2/token", fault: "latency=30", times: 1 });
    await Promise.all(["sam", "robin", "nobody"].map((n) => client.findUserByEmail(`${n}@contoso.example`)));
    expect(await h.state()).toMatchObject({ tokens: { requests: 2 } });
  });

  test("refreshed 60 s before expires_in", async () => {
    let clock = 0;
    const client = h.client({ now: () => clock });
    await client.findUserByEmail(ALEX.email);
    clock = (DEFAULT_SEED.tokenTtlSeconds - 61) * 1000;
    await client.findUserByEmail("sam@contoso.example");
    expect(await h.state()).toMatchObject({ tokens: { requests: 1 } });
    clock = (DEFAULT_SEED.tokenTtlSeconds - 60) * 1000;
    await client.findUserByEmail("robin@contoso.example");
    expect(await h.state()).toMatchObject({ tokens: { requests: 2 } });
  });

  test("a failed token request is not remembered", async () => {
    const client = h.client({ maxRetries: 0 });
    await h.fault({ path: "/oauth2/token", fault: "status=500", times: 1 });
    expect((await failure(client.findUserByEmail(ALEX.email))).code).toBe("unavailable");
    await expect(client.findUserByEmail(ALEX.email)).resolves.toEqual({ id: 1001 });
  });
});
