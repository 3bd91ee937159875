/**
 * The emulator on its own (through inject, and over HTTP where a connection matters): auth,
 * scoping, bad input, generated ids, and its fault injection and control endpoints.
 */
import type { FastifyInstance } from "fastify";
import { buildEmulator, DEFAULT_SEED, parseFault } from "../../../../dev/emulator";

let app: FastifyInstance;
let baseUrl: string;
let clock = Date.UTC(2031, 0, 1);

beforeAll(async () => {
  app = await buildEmulator({ now: () => clock });
  baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
});
beforeEach(async () => {
  await call({ method: "POST", url: "/__emulator/reset" });
});

type Json = Record<string, unknown>;

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): unknown;
}

/**
 * Like Fastify's inject, over HTTP: inject (light-my-request) needs the ESM-only `cookie`
 * package, which this Jest setup cannot load.
 */
async function call(options: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (typeof options.payload === "string") body = options.payload;
  else if (options.payload !== undefined) {
    body = JSON.stringify(options.payload);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${baseUrl}${options.url}`, { method: options.method, headers, body });
  const text = await response.text();
  const lowerHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => (lowerHeaders[key] = value));
  return {
    statusCode: response.status,
    headers: lowerHeaders,
    body: text,
    json: () => JSON.parse(text) as unknown,
  };
}

async function token(): Promise<string> {
  const response = await call({
    method: "POST",
    url: "/oauth2/token",
    payload: {
      grant_type: "client_credentials",
      client_id: DEFAULT_SEED.clientId,
      client_secret: DEFAULT_SEED.clientSecret,
    },
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { access_token: string }).access_token;
}

function meetingBody(overrides: Json = {}): Json {
  return {
    title: "Standup",
    description: "",
    start: Date.UTC(2031, 0, 2, 9),
    end: Date.UTC(2031, 0, 2, 9, 15),
    timezone: "America/New_York",
    endPointType: "WEB_APP",
    endPointVersion: "2.10",
    attendees: [{ email: "sam@contoso.example" }],
    addAttendeePasscode: true,
    advancedMeetingOptions: { moderatorLess: true },
    ...overrides,
  };
}

async function api(
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  options: { payload?: Json; headers?: Json } = {},
) {
  const bearer = await token();
  return call({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}`, ...(options.headers as Record<string, string>) },
    ...(options.payload ? { payload: options.payload } : {}),
  });
}

async function state(): Promise<Json> {
  return (await call({ method: "GET", url: "/__emulator/state" })).json() as Json;
}

describe("token", () => {
  test("issues a bearer token with expires_in and the enterprise scope", async () => {
    const response = await call({
      method: "POST",
      url: "/oauth2/token",
      payload: {
        grant_type: "client_credentials",
        client_id: DEFAULT_SEED.clientId,
        client_secret: DEFAULT_SEED.clientSecret,
      },
    });
    expect(response.json()).toMatchObject({
      access_token: expect.stringMatching(/^[0-9a-f]{48}$/),
      expires_in: 3600,
      scope: { enterprise: 77777 },
    });
  });

  test.each([
    [{ grant_type: "client_credentials", client_id: DEFAULT_SEED.clientId, client_secret: "nope" }, 401],
    [{ grant_type: "password", username: "a", password: "b" }, 400],
    [{ client_id: DEFAULT_SEED.clientId }, 400],
  ])("refuses %j with %i and {message}", async (payload, status) => {
    const response = await call({ method: "POST", url: "/oauth2/token", payload });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ message: expect.any(String) });
  });

  test("tokens expire per expires_in", async () => {
    const bearer = await token();
    const ask = () =>
      call({
        method: "GET",
        url: "/v1/user/1001/personal_meeting",
        headers: { authorization: `Bearer ${bearer}` },
      });
    expect((await ask()).statusCode).toBe(200);
    clock += DEFAULT_SEED.tokenTtlSeconds * 1000 - 1;
    expect((await ask()).statusCode).toBe(200);
    clock += 1;
    expect((await ask()).statusCode).toBe(401);
  });
});

describe("auth and scoping", () => {
  test("no token, an unknown token, ?access_token", async () => {
    expect((await call({ method: "GET", url: "/v1/user/1001/personal_meeting" })).statusCode).toBe(401);
    const unknown = await call({
      method: "GET",
      url: "/v1/user/1001/personal_meeting",
      headers: { authorization: "Bearer feedface" },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ message: "Invalid or expired access token" });
    const query = await call({
      method: "GET",
      url: `/v1/user/1001/personal_meeting?access_token=${await token()}`,
    });
    expect(query.statusCode).toBe(200);
  });

  test("another enterprise's users and user list are forbidden; unknown users are not found", async () => {
    expect((await api("GET", "/v1/user/2001/personal_meeting")).statusCode).toBe(403);
    expect((await api("GET", "/v1/enterprise/88888/users?emailId=pat@fabrikam.example")).statusCode).toBe(
      403,
    );
    expect((await api("GET", "/v1/user/4242/personal_meeting")).statusCode).toBe(404);
  });

  test("a meeting is only visible to its owner", async () => {
    const created = (
      await api("POST", "/v1/user/1001/scheduled_meeting?email=false", { payload: meetingBody() })
    ).json() as Json;
    expect((await api("GET", `/v1/user/1001/scheduled_meeting/${String(created.id)}`)).statusCode).toBe(200);
    expect((await api("GET", `/v1/user/1002/scheduled_meeting/${String(created.id)}`)).statusCode).toBe(404);
    expect((await api("GET", "/v1/user/1001/scheduled_meeting/999")).statusCode).toBe(404);
  });
});

describe("users", () => {
  test("exact email search answers {count, user:[...]}", async () => {
    const response = await api("GET", "/v1/enterprise/77777/users?emailId=ALEX@contoso.example");
    expect(response.json()).toEqual({
      count: 1,
      user: [
        expect.objectContaining({
          id: 1001,
          email: "alex@contoso.example",
          username: "alex",
          uri: "/v1/user/1001",
        }),
      ],
    });
    expect((await api("GET", "/v1/enterprise/77777/users?emailId=alex@contoso")).json()).toEqual({
      count: 0,
      user: [],
    });
    const search = (
      await api("GET", "/v1/enterprise/77777/users?textSearch=contoso&pageSize=2")
    ).json() as Json;
    expect(search.count).toBe(3);
    expect(search.user).toHaveLength(2);
  });
});

describe("meetings", () => {
  test("create answers 201 with the Meeting; ids are 9–10 digits and unique, passcodes 4 digits", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const response = await api("POST", "/v1/user/1001/scheduled_meeting?email=false", {
        payload: meetingBody(),
      });
      expect(response.statusCode).toBe(201);
      const meeting = response.json() as Json;
      expect(meeting.numericMeetingId).toMatch(/^[1-9]\d{8,9}$/);
      expect(meeting.attendeePasscode).toMatch(/^\d{4}$/);
      ids.add(String(meeting.numericMeetingId));
    }
    expect(ids.size).toBe(40);
    expect(await state()).toMatchObject({ meetings: { total: 40, active: 40 } });
  });

  test("the Meeting is shaped as the spec says", async () => {
    const meeting = (
      await api("POST", "/v1/user/1001/scheduled_meeting", { payload: meetingBody() })
    ).json() as Json;
    expect(meeting).toMatchObject({
      id: DEFAULT_SEED.firstMeetingId,
      title: "Standup",
      timezone: "America/New_York",
      endPointType: "WEB_APP",
      endPointVersion: "2.10",
      attendees: [{ email: "sam@contoso.example" }],
      addAttendeePasscode: true,
      delete: false,
      seqeuenceNumber: 0,
      isPersonalMeeting: false,
      moderator: { id: 1001, username: "alex", firstname: "Alex", lastname: "Wilber" },
      advancedMeetingOptions: {
        moderatorLess: true,
        muteParticipantsOnEntry: false,
        encryptionType: "NO_ENCRYPTION",
      },
    });
  });

  test("without addAttendeePasscode there is no passcode; personal_meeting=true uses the personal room", async () => {
    const plain = (
      await api("POST", "/v1/user/1001/scheduled_meeting", {
        payload: meetingBody({ addAttendeePasscode: false }),
      })
    ).json() as Json;
    expect(plain.attendeePasscode).toBe("");
    const personal = (
      await api("POST", "/v1/user/1001/scheduled_meeting?personal_meeting=true", { payload: meetingBody() })
    ).json() as Json;
    expect(personal).toMatchObject({
      numericMeetingId: "4155550101",
      attendeePasscode: "1234",
      isPersonalMeeting: true,
    });
  });

  test.each<[string, Json]>([
    ["title is required and must be a string", { title: undefined }],
    ["title must not be empty", { title: " " }],
    ["start is required and must be epoch milliseconds (an integer)", { start: "2031-01-02T09:00:00Z" }],
    ["end must be after start", { end: Date.UTC(2031, 0, 2, 8) }],
    ["timezone is required and must be a string", { timezone: undefined }],
    ["Unknown timezone Mars/Base", { timezone: "Mars/Base" }],
    ["endPointType is required and must be a string", { endPointType: undefined }],
    ["each attendee must be an object with an email", { attendees: ["sam@contoso.example"] }],
    ["addAttendeePasscode must be a boolean", { addAttendeePasscode: "yes" }],
    [
      "advancedMeetingOptions.moderatorLess must be a boolean",
      { advancedMeetingOptions: { moderatorLess: 1 } },
    ],
  ])("400 %s", async (message, overrides) => {
    const body = meetingBody(overrides);
    for (const key of Object.keys(overrides)) if (overrides[key] === undefined) delete body[key];
    const response = await api("POST", "/v1/user/1001/scheduled_meeting", { payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message });
  });

  test("400 for a body that is not JSON, a bad query flag, a non-integer id", async () => {
    const bearer = await token();
    const notJson = await call({
      method: "POST",
      url: "/v1/user/1001/scheduled_meeting",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      payload: "{title:",
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toEqual({ message: expect.any(String) });
    expect(
      (await api("POST", "/v1/user/1001/scheduled_meeting?email=nope", { payload: meetingBody() }))
        .statusCode,
    ).toBe(400);
    expect((await api("GET", "/v1/user/alex/personal_meeting")).statusCode).toBe(400);
  });

  test("PUT replaces, bumps the sequence number; DELETE marks deleted, then 404", async () => {
    const created = (
      await api("POST", "/v1/user/1001/scheduled_meeting", { payload: meetingBody() })
    ).json() as Json;
    const url = `/v1/user/1001/scheduled_meeting/${String(created.id)}`;
    const updated = await api("PUT", url, {
      payload: meetingBody({
        title: "Retro",
        attendees: [],
        addAttendeePasscode: false,
        timezone: undefined,
      }),
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      title: "Retro",
      attendees: [],
      attendeePasscode: "",
      seqeuenceNumber: 1,
      numericMeetingId: created.numericMeetingId,
    });
    const deleted = await api("DELETE", `${url}?email=false&cancellationMessage=Bye`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toBe("");
    expect((await api("GET", url)).statusCode).toBe(404);
    expect((await api("DELETE", url)).statusCode).toBe(404);
    expect(await state()).toMatchObject({ meetings: { total: 1, active: 0, deleted: 1 } });
  });

  test("numbers need ip and country; local numbers first, US otherwise, all on request", async () => {
    const created = (
      await api("POST", "/v1/user/1001/scheduled_meeting", { payload: meetingBody() })
    ).json() as Json;
    const base = `/v1/user/1001/meetings/${String(created.id)}/numbers`;
    expect((await api("GET", base)).statusCode).toBe(400);
    const de = (await api("GET", `${base}?ip=0.0.0.0&country=DE`)).json() as {
      numbers: Json[];
      meetingId: string;
    };
    expect(de.meetingId).toBe(created.numericMeetingId);
    expect(de.numbers).toEqual([
      expect.objectContaining({ country: "DE", default: true, label: { default: "Germany (Berlin)" } }),
    ]);
    const fr = (await api("GET", `${base}?ip=0.0.0.0&country=FR`)).json() as { numbers: Json[] };
    expect(fr.numbers.map((n) => n.country)).toEqual(["US", "US"]);
    const all = (await api("GET", `${base}?ip=0.0.0.0&country=United%20Kingdom&all=true`)).json() as {
      numbers: Json[];
    };
    expect(all.numbers).toHaveLength(DEFAULT_SEED.dialIn.length);
    expect(all.numbers[0]).toMatchObject({ country: "GB", default: true });
  });
});

describe("fault injection", () => {
  test("parses the fault syntax", () => {
    expect(parseFault("latency=500")).toEqual({ latencyMs: 500 });
    expect(parseFault("status=429;retry-after=1")).toEqual({ status: 429, retryAfter: "1" });
    expect(parseFault("status=429;retry-after=Wed, 21 Oct 2026 07:28:00 GMT, latency=5")).toEqual({
      status: 429,
      retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT",
      latencyMs: 5,
    });
    expect(parseFault("hang")).toEqual({ hang: true });
    expect(parseFault("malformed")).toEqual({ malformed: "truncated" });
    expect(parseFault("expire-token")).toEqual({ expireToken: true });
    expect(() => parseFault("explode")).toThrow(/unknown fault/);
    expect(() => parseFault("status=200")).toThrow(/400-599/);
  });

  test("X-Emulator-Fault: status with Retry-After, latency, malformed, a bad header", async () => {
    const limited = await api("GET", "/v1/user/1001/personal_meeting", {
      headers: { "x-emulator-fault": "status=429;retry-after=3" },
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBe("3");
    expect(limited.json()).toEqual({ message: "Too many requests" });

    // The answer waits for the emulator's 60 ms timer (fake time: no wall clock involved).
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    let slow: Answer | undefined;
    try {
      const answered = api("GET", "/v1/user/1001/personal_meeting", {
        headers: { "x-emulator-fault": "latency=60" },
      }).then((answer) => (slow = answer));
      while (jest.getTimerCount() === 0) await new Promise((resolve) => setImmediate(resolve));
      expect(slow).toBeUndefined();
      const before = jest.now();
      await jest.advanceTimersToNextTimerAsync();
      expect(jest.now() - before).toBe(60);
      await answered;
    } finally {
      jest.useRealTimers();
    }
    expect(slow?.statusCode).toBe(200);
    expect(slow?.headers["x-emulator-fault"]).toBe("latencyMs");

    const broken = await api("GET", "/v1/user/1001/personal_meeting", {
      headers: { "x-emulator-fault": "malformed" },
    });
    expect(broken.statusCode).toBe(200);
    expect(() => JSON.parse(broken.body) as unknown).toThrow();

    const html = await api("GET", "/v1/user/1001/personal_meeting", {
      headers: { "x-emulator-fault": "malformed=html" },
    });
    expect(html.headers["content-type"]).toMatch(/text\/html/);

    const bad = await api("GET", "/v1/user/1001/personal_meeting", {
      headers: { "x-emulator-fault": "gremlins" },
    });
    expect(bad.statusCode).toBe(400);
  });

  test("expire-token revokes the presented token", async () => {
    const bearer = await token();
    const ask = (fault?: string) =>
      call({
        method: "GET",
        url: "/v1/user/1001/personal_meeting",
        headers: { authorization: `Bearer ${bearer}`, ...(fault ? { "x-emulator-fault": fault } : {}) },
      });
    expect((await ask("expire-token")).statusCode).toBe(401);
    expect((await ask()).statusCode).toBe(401);
  });

  test("rules: path patterns, methods, times, listing and clearing", async () => {
    const add = (payload: Json) => call({ method: "POST", url: "/__emulator/faults", payload });
    expect((await add({ fault: "boom" })).statusCode).toBe(400);
    expect((await add({ fault: "status=500", times: 0 })).statusCode).toBe(400);
    const rule = await add({
      path: "/v1/user/*/personal_meeting",
      method: "get",
      fault: "status=503",
      times: 2,
    });
    expect(rule.statusCode).toBe(201);
    expect(rule.json()).toMatchObject({ id: expect.any(Number), method: "GET", remaining: 2 });

    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await api("GET", "/v1/user/1001/personal_meeting")).statusCode);
    expect(statuses).toEqual([503, 503, 200]);

    await add({ path: "/v1/**", fault: "status=500" });
    expect((await api("GET", "/v1/user/1001/personal_meeting")).statusCode).toBe(500);
    expect((await call({ method: "GET", url: "/__emulator/faults" })).json()).toEqual([
      expect.objectContaining({ hits: 2, remaining: 0 }),
      expect.objectContaining({ hits: 1, remaining: null }),
    ]);
    // Control endpoints are never faulted; tokens neither, unless a rule says so.
    expect((await call({ method: "GET", url: "/__emulator/state" })).statusCode).toBe(200);
    expect((await call({ method: "DELETE", url: "/__emulator/faults" })).statusCode).toBe(204);
    expect((await api("GET", "/v1/user/1001/personal_meeting")).statusCode).toBe(200);
  });

  test("state counts requests by route; reset goes back to the seed", async () => {
    await api("POST", "/v1/user/1001/scheduled_meeting", { payload: meetingBody() });
    expect(await state()).toMatchObject({
      meetings: { total: 1 },
      tokens: { requests: 1, issued: 1, active: 1 },
      requests: {
        total: 2,
        byRoute: { "POST /oauth2/token": 1, "POST /v1/user/:user_id/scheduled_meeting": 1 },
      },
    });
    await call({ method: "POST", url: "/__emulator/reset" });
    expect(await state()).toMatchObject({
      meetings: { total: 0 },
      tokens: { requests: 0, active: 0 },
      requests: { total: 0 },
    });
    const again = (
      await api("POST", "/v1/user/1001/scheduled_meeting", { payload: meetingBody() })
    ).json() as Json;
    expect(again.id).toBe(DEFAULT_SEED.firstMeetingId);
  });

  test("the clock endpoint moves token expiry", async () => {
    const bearer = await token();
    const moved = await call({
      method: "POST",
      url: "/__emulator/clock",
      payload: { advanceMs: 3_600_000 },
    });
    expect(moved.statusCode).toBe(200);
    const response = await call({
      method: "GET",
      url: "/v1/user/1001/personal_meeting",
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe("hang over a real connection", () => {
  test("hangs until the client gives up; close() is not held up", async () => {
    const server = await buildEmulator();
    const url = await server.listen({ port: 0, host: "127.0.0.1" });
    /** Resolves once the emulator has taken `count` requests into a hang (its request log says so). */
    const hangs = async (count: number): Promise<void> => {
      for (;;) {
        const state = (await (await fetch(`${url}/__emulator/state`)).json()) as {
          recent: Array<{ status: number | string }>;
        };
        if (state.recent.filter((entry) => entry.status === "hang").length >= count) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const controller = new AbortController();
    const first = fetch(`${url}/v1/user/1001/personal_meeting`, {
      headers: { "x-emulator-fault": "hang" },
      signal: controller.signal,
    });
    await hangs(1);
    // Held open with no answer: only the client's abort ends it.
    controller.abort();
    await expect(first).rejects.toThrow(/abort/i);

    // A second hang left open when the emulator closes: close() finishes (or the test times out).
    const pending = fetch(`${url}/v1/user/1001/personal_meeting`, {
      headers: { "x-emulator-fault": "hang" },
    }).catch((error: unknown) => error);
    await hangs(2);
    await server.close();
    // Node's fetch error comes from another realm than Jest's Error.
    expect(String(await pending)).toMatch(/TypeError: fetch failed/);
  });
});
