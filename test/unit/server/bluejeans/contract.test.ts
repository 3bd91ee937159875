/**
 * Every request the client sends and every answer the emulator gives, checked against BlueJeans'
 * published contract (../shared/bluejeans-api/swagger.yaml). Then proof that the checker catches
 * what it should: wrong types, missing required fields and parameters, unknown fields.
 */
import { BlueJeansError } from "../../../../src/server/bluejeans";
import { FAULT_HEADER } from "../../../../dev/emulator";
import { Contract, type CapturedRequest, type CapturedResponse } from "./contract";
import { ALEX, meetingInput, startHarness, type Exchange, type Harness } from "./harness";

let contract: Contract;
let h: Harness;
let exchanges: Exchange[];

/** Everything the add-in does with BlueJeans, including answers that are errors. */
async function scenario(harness: Harness): Promise<void> {
  const client = harness.client({ timeoutMs: 500 });
  const ignore = (promise: Promise<unknown>) =>
    promise.catch((error: unknown) => {
      if (!(error instanceof BlueJeansError)) throw error;
    });

  const user = await client.findUserByEmail(ALEX.email);
  await client.findUserByEmail("nobody@contoso.example");
  const id = user?.id ?? ALEX.id;
  await client.getPersonalMeeting(id);
  const plain = await client.createMeeting(id, meetingInput({ attendees: [], attendeePasscode: false }));
  const full = await client.createMeeting(
    id,
    meetingInput({ muteOnEntry: true, moderatorLess: true, autoRecord: true, description: undefined }),
  );
  await client.getMeeting(id, full.id);
  await client.updateMeeting(id, full.id, meetingInput({ title: "Moved", attendeePasscode: false }));
  await client.getDialInNumbers(id, full.id);
  await client.getDialInNumbers(id, full.id, { ip: "203.0.113.7", country: "DE" });
  await client.deleteMeeting(id, plain.id);
  await client.deleteMeeting(id, plain.id, "Moved to another day");
  await ignore(client.getMeeting(id, plain.id));
  await ignore(client.createMeeting(2001, meetingInput()));
  // Error answers from faults are still `{message}` answers.
  await harness.fault({ path: `/v1/user/${id}/scheduled_meeting/${full.id}`, fault: "status=503", times: 1 });
  await harness.fault({ path: "/v1/enterprise/*/users", fault: "status=429;retry-after=0", times: 1 });
  await client.getMeeting(id, full.id);
  await client.findUserByEmail("robin@contoso.example");
  await harness.fault({ path: `/v1/user/${id}/meetings/*/numbers`, fault: "expire-token", times: 1 });
  await client.getDialInNumbers(id, full.id);
  await ignore(harness.client({ clientSecret: "wrong-secret" }).findUserByEmail(ALEX.email));
  await harness.settled();
}

beforeAll(async () => {
  contract = Contract.load();
  h = await startHarness();
  await scenario(h);
  exchanges = [...h.exchanges];
});
afterAll(async () => {
  await h.close();
});

function problemsOf(check: (e: Exchange) => string[]): string[] {
  return exchanges.flatMap((e) => check(e).map((p) => `${e.request.method} ${e.request.url}: ${p}`));
}

function exchangeFor(method: string, pathPart: string): Exchange {
  const found = exchanges.find(
    (e) => e.request.method === method && new URL(e.request.url).pathname.includes(pathPart),
  );
  if (!found) throw new Error(`no ${method} ${pathPart} exchange`);
  return found;
}

function withBody(
  request: CapturedRequest,
  change: (body: Record<string, unknown>) => void,
): CapturedRequest {
  const body = JSON.parse(request.body ?? "{}") as Record<string, unknown>;
  change(body);
  return { ...request, body: JSON.stringify(body) };
}

function withUrl(request: CapturedRequest, change: (url: URL) => void): CapturedRequest {
  const url = new URL(request.url);
  change(url);
  return { ...request, url: url.toString() };
}

describe("the contract itself", () => {
  test("every definition compiles as draft-04 after adaptation", () => {
    expect(contract.compileAllDefinitions()).toEqual([]);
  });
});

describe("the client's requests", () => {
  test("the scenario covers every operation the client uses", () => {
    const operations = new Set(
      exchanges.map((e) => {
        const path = new URL(e.request.url).pathname.replace(/\/\d+/g, "/{id}");
        return `${e.request.method} ${path}`;
      }),
    );
    expect([...operations].sort()).toEqual([
      "DELETE /v1/user/{id}/scheduled_meeting/{id}",
      "GET /v1/enterprise/{id}/users",
      "GET /v1/user/{id}/meetings/{id}/numbers",
      "GET /v1/user/{id}/personal_meeting",
      "GET /v1/user/{id}/scheduled_meeting/{id}",
      "POST /oauth2/token",
      "POST /v1/user/{id}/scheduled_meeting",
      "PUT /v1/user/{id}/scheduled_meeting/{id}",
    ]);
  });

  test("every request matches the contract", () => {
    expect(exchanges.length).toBeGreaterThan(15);
    expect(problemsOf((e) => contract.validateRequest(e.request))).toEqual([]);
  });
});

describe("the emulator's answers", () => {
  test("every answer matches the contract (fault-mangled bodies aside)", () => {
    const answered = exchanges.filter((e) => e.response !== undefined);
    expect(answered.length).toBe(exchanges.length);
    const statuses = new Set(answered.map((e) => e.response?.status));
    expect([...statuses].sort()).toEqual([200, 201, 401, 403, 404, 429, 503]);
    expect(
      problemsOf((e) => {
        const response = e.response as CapturedResponse;
        if ((response.headers[FAULT_HEADER] ?? "").includes("malformed")) return [];
        return contract.validateResponse(e.request, response);
      }),
    ).toEqual([]);
  });

  test("a response that breaks the contract is caught", () => {
    const get = exchangeFor("GET", "/scheduled_meeting/");
    const response = get.response as CapturedResponse;
    const meeting = JSON.parse(response.body) as Record<string, unknown>;
    const bad = (body: unknown, status = 200) =>
      contract.validateResponse(get.request, { ...response, status, body: JSON.stringify(body) });
    expect(bad({ ...meeting, id: "abc" })).toEqual(["body/id must be integer"]);
    expect(bad({ ...meeting, numericMeetingId: 123456789 })).toEqual([
      "body/numericMeetingId must be string",
    ]);
    expect(bad({ ...meeting, surprise: true })).toEqual([
      "body/surprise is not a property the contract knows",
    ]);
    expect(bad({ message: 42 }, 500)).toEqual(["body/message must be string"]);
    const create = exchangeFor("POST", "/scheduled_meeting");
    expect(
      contract.validateResponse(create.request, { ...(create.response as CapturedResponse), status: 200 }),
    ).toEqual(["status 200 is not declared (declared: 201, default)"]);
  });
});

describe("the checker catches a wrong request", () => {
  let create: CapturedRequest;
  beforeAll(() => {
    create = exchangeFor("POST", "/scheduled_meeting").request;
  });

  test("the captured create is valid to begin with", () => {
    expect(contract.validateRequest(create)).toEqual([]);
  });

  test("a field of the wrong type", () => {
    const wrong = withBody(create, (body) => (body.start = new Date(body.start as number).toISOString()));
    expect(contract.validateRequest(wrong)).toEqual(["body/start must be integer"]);
    const fractional = withBody(create, (body) => (body.end = 1.5));
    expect(contract.validateRequest(fractional)).toContain("body/end must be integer");
    const stringly = withBody(create, (body) => (body.advancedMeetingOptions = { moderatorLess: "true" }));
    expect(contract.validateRequest(stringly)).toEqual([
      "body/advancedMeetingOptions/moderatorLess must be boolean",
    ]);
  });

  test("a missing required body field", () => {
    const wrong = withBody(create, (body) => delete body.timezone);
    expect(contract.validateRequest(wrong)).toEqual(["body must have required property 'timezone'"]);
  });

  test("a field the contract does not know (a typo)", () => {
    const wrong = withBody(create, (body) => (body.advancedMeetingOptions = { muteOnEntry: true }));
    expect(contract.validateRequest(wrong)).toEqual([
      "body/advancedMeetingOptions/muteOnEntry is not a property the contract knows",
    ]);
  });

  test("a missing required query parameter", () => {
    const numbers = exchangeFor("GET", "/numbers").request;
    expect(contract.validateRequest(numbers)).toEqual([]);
    const wrong = withUrl(numbers, (url) => url.searchParams.delete("ip"));
    expect(contract.validateRequest(wrong)).toEqual(["missing required query parameter ip"]);
  });

  test("a query parameter of the wrong type, or one the contract does not declare", () => {
    expect(contract.validateRequest(withUrl(create, (url) => url.searchParams.set("email", "no")))).toEqual([
      'query parameter email must be true or false, got "no"',
    ]);
    expect(
      contract.validateRequest(withUrl(create, (url) => url.searchParams.set("sendEmail", "false"))),
    ).toEqual(["query parameter sendEmail is not declared"]);
  });

  test("a path parameter that is not an integer, a path that does not exist", () => {
    const wrong = withUrl(create, (url) => (url.pathname = "/v1/user/alex/scheduled_meeting"));
    expect(contract.validateRequest(wrong)).toEqual([
      'path parameter user_id must be an integer, got "alex"',
    ]);
    const nowhere = withUrl(create, (url) => (url.pathname = "/v1/user/1001/scheduled_meetings"));
    expect(contract.validateRequest(nowhere)).toEqual([
      "no operation POST /v1/user/1001/scheduled_meetings in the contract",
    ]);
  });

  test("no bearer token on a secured operation", () => {
    const { authorization: _dropped, ...headers } = create.headers;
    expect(contract.validateRequest({ ...create, headers })).toEqual(["missing Authorization: Bearer token"]);
  });

  test("a token request without the secret, or with the wrong grant", () => {
    const token = exchangeFor("POST", "/oauth2/token").request;
    expect(contract.validateRequest(token)).toEqual([]);
    const missing = contract.validateRequest(withBody(token, (body) => delete body.client_secret));
    expect(missing).toContain(
      "POST /oauth2/token#Application: body must have required property 'client_secret'",
    );
  });

  test("a client that sends a wrong type fails the contract end to end", async () => {
    // A fetch that corrupts the body as a bug in the client would.
    const buggy = startHarness();
    const harness = await buggy;
    try {
      const client = harness.client({
        fetch: (input, init) => {
          const body =
            typeof init?.body === "string" && String(input).includes("scheduled_meeting")
              ? init.body.replace(/"start":(\d+)/, '"start":"$1"')
              : init?.body;
          return harness.capturingFetch(input, { ...init, body });
        },
      });
      await client.createMeeting(ALEX.id, meetingInput()).catch(() => undefined);
      const create = harness.exchanges.find(
        (e) => e.request.method === "POST" && e.request.url.includes("scheduled"),
      );
      expect(create && contract.validateRequest(create.request)).toEqual(["body/start must be integer"]);
    } finally {
      await harness.close();
    }
  });
});
