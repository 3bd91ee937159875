/**
 * The meetings API under faults and hostile input (issue 10): an answer that may have made a
 * meeting is never answered by making another, one user cannot touch another's records, client
 * errors are 4xx, tokens in URLs stay out of the logs, and API answers are not cached.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp, contentSecurityPolicy } from "../../../src/server/app";
import { SAMPLE_REQUEST, useApiStack, type ApiStack } from "./apiStack";

const current = useApiStack();

let stack: ApiStack;

beforeAll(() => {
  stack = current();
});

const body = SAMPLE_REQUEST;

const SAM = {
  oid: "5a5a5a5a-1111-2222-3333-444444444444",
  preferred_username: "sam@contoso.example",
  name: "Sam",
};

async function fault(spec: string, times = 1, routePath = "/v1/user/1001/scheduled_meeting") {
  await fetch(`${stack.emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fault: spec, path: routePath, method: "POST", times }),
  });
}

async function create(
  key: string,
  o: { claims?: Record<string, unknown>; payload?: object; app?: ApiStack["app"] } = {},
) {
  return (o.app ?? stack.app).inject({
    method: "POST",
    url: "/api/meetings",
    headers: { authorization: `Bearer ${await stack.tokenFor(o.claims)}`, "idempotency-key": key },
    payload: o.payload ?? body,
  });
}

describe("a create whose outcome is unknown is remembered against its key", () => {
  test.each(["malformed=truncated", "malformed=empty", "malformed=html"])(
    "BlueJeans' answer is unreadable (%s): the person is told, and the retry makes no second meeting",
    async (spec) => {
      // Twice: BlueJeans may first refuse the client's token from before the reset.
      await fault(spec, 2);
      const first = await create(`unreadable-${spec.replace(/\W/g, "-")}`);
      await fetch(`${stack.emulatorUrl}/__emulator/faults`, { method: "DELETE" });
      expect(first.statusCode).toBe(502);
      expect(first.json().message).toContain("may have been created");
      expect(await stack.activeMeetings()).toBe(1);
      const retry = await create(`unreadable-${spec.replace(/\W/g, "-")}`);
      expect({ status: retry.statusCode, body: retry.json() }).toEqual({
        status: first.statusCode,
        body: first.json(),
      });
      expect(await stack.activeMeetings()).toBe(1);
    },
  );

  test("BlueJeans answers too late: the retry is answered the same, not by creating again", async () => {
    const slow = await stack.startInstance({ bluejeans: { timeoutMs: 100 } });
    await fault("latency=400");
    const first = await create("answer-too-late-123", { app: slow });
    expect(first.statusCode).toBe(504);
    expect(first.json().message).toContain("may have been created");
    const retry = await create("answer-too-late-123", { app: slow });
    expect({ status: retry.statusCode, body: retry.json() }).toEqual({
      status: first.statusCode,
      body: first.json(),
    });
    expect(await stack.activeMeetings()).toBe(0);
  });

  test("the connection breaks after the create was sent: the retry makes no second meeting", async () => {
    let breakNext = true;
    const flaky = await stack.startInstance({
      bluejeans: {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (init?.method === "POST" && String(input).includes("/scheduled_meeting") && breakNext) {
            breakNext = false;
            await response.arrayBuffer();
            throw new TypeError("fetch failed", {
              cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
            });
          }
          return response;
        },
      },
    });
    const first = await create("connection-broke-12", { app: flaky });
    expect(first.statusCode).toBe(503);
    expect(first.json().message).toContain("may have been created");
    expect(await stack.activeMeetings()).toBe(1);
    const retry = await create("connection-broke-12", { app: flaky });
    expect(retry.statusCode).toBe(503);
    expect(await stack.activeMeetings()).toBe(1);
  });

  test("a refusal that surely made nothing (BlueJeans 400) may be tried again with the same key", async () => {
    await fault("status=400");
    expect((await create("refused-then-fine-1")).statusCode).toBe(422);
    expect((await create("refused-then-fine-1")).statusCode).toBe(201);
    expect(await stack.activeMeetings()).toBe(1);
  });

  test("the same key with a different body is refused, and the first meeting stays the only one", async () => {
    expect((await create("reused-key-1234567")).statusCode).toBe(201);
    const other = await create("reused-key-1234567", { payload: { ...body, title: "Something else" } });
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toBe("idempotency_key_reused");
    expect(await stack.activeMeetings()).toBe(1);
  });
});

describe("one user cannot touch another's meetings or records", () => {
  test("deleting someone else's meeting answers 404, deletes nothing, and keeps their key's meeting", async () => {
    const mine = await create("alex-appointment-01");
    const id = mine.json().meeting.meetingId as number;
    const theirs = await stack.app.inject({
      method: "DELETE",
      url: `/api/meetings/${id}`,
      headers: { authorization: `Bearer ${await stack.tokenFor(SAM)}` },
    });
    expect(theirs.statusCode).toBe(404);
    expect(await stack.activeMeetings()).toBe(1);
    const retry = await create("alex-appointment-01");
    expect(retry.json().meeting.meetingId).toBe(id);
    expect(await stack.activeMeetings()).toBe(1);
  });

  test("the same idempotency key from two users makes two meetings, one each", async () => {
    const a = await create("shared-key-000000001");
    const b = await create("shared-key-000000001", { claims: SAM });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().meeting.meetingId).not.toBe(a.json().meeting.meetingId);
  });

  test.each(["GET", "PUT", "DELETE"] as const)("meeting id 0 answers 404 to %s", async (method) => {
    const response = await stack.app.inject({
      method,
      url: "/api/meetings/0",
      headers: { authorization: `Bearer ${await stack.tokenFor()}` },
      ...(method === "PUT" ? { payload: body } : {}),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe("not_found");
  });

  test.each(["0", "12abc", "-5"])("meeting id %s answers 404 to GET .../numbers too", async (id) => {
    const response = await stack.app.inject({
      method: "GET",
      url: `/api/meetings/${id}/numbers`,
      headers: { authorization: `Bearer ${await stack.tokenFor()}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe("not_found");
  });
});

describe("client errors answer 4xx and are logged as client errors", () => {
  const errorLinesSince = (from: number) =>
    stack.logLines.slice(from).filter((line) => /"level":(50|60)/.test(line) || line.includes('"stack"'));

  test.each<[string, () => Promise<{ payload: string | Buffer; type: string }>, number]>([
    [
      "a body over the limit",
      async () => ({
        payload: JSON.stringify({ ...body, title: "x".repeat(2_000_000) }),
        type: "application/json",
      }),
      413,
    ],
    ["invalid JSON", async () => ({ payload: '{"title": ', type: "application/json" }), 400],
    [
      "a __proto__ key",
      async () => ({ payload: `{"__proto__": {"admin": true}, "title": "x"}`, type: "application/json" }),
      400,
    ],
    [
      "a constructor key",
      async () => ({
        payload: `{"constructor": {"prototype": {"admin": true}}, "title": "x"}`,
        type: "application/json",
      }),
      400,
    ],
    ["a wrong content type", async () => ({ payload: "title=x", type: "text/plain" }), 415],
  ])("%s", async (_label, make, status) => {
    const from = stack.logLines.length;
    const { payload, type } = await make();
    const response = await stack.app.inject({
      method: "POST",
      url: "/api/meetings",
      headers: {
        authorization: `Bearer ${await stack.tokenFor()}`,
        "idempotency-key": "client-error-key-123",
        "content-type": type,
      },
      payload,
    });
    expect(response.statusCode).toBe(status);
    expect(typeof response.json().message).toBe("string");
    expect(errorLinesSince(from)).toEqual([]);
    expect(await stack.activeMeetings()).toBe(0);
  });
});

describe("what the API answers and logs", () => {
  test("a token in the query string never reaches a log line", async () => {
    const secret = await stack.tokenFor();
    for (const url of [
      `/api/meetings/12?access_token=${secret}`,
      `/nowhere?code=${secret}&id_token=${secret}`,
    ]) {
      await stack.app.inject({ method: "GET", url });
    }
    expect(stack.logLines.join("\n")).not.toContain(secret);
    expect(stack.logLines.some((line) => line.includes("access_token=[redacted]"))).toBe(true);
  });

  test("every API answer, failures included, says not to store it", async () => {
    const ok = await create("no-store-check-0001");
    const refused = await stack.app.inject({ method: "GET", url: "/api/meetings/1" });
    const authorization = `Bearer ${await stack.tokenFor()}`;
    const badJson = await stack.app.inject({
      method: "POST",
      url: "/api/meetings",
      headers: {
        authorization,
        "idempotency-key": "no-store-check-0002",
        "content-type": "application/json",
      },
      payload: '{"title": ',
    });
    const invalid = await create("no-store-check-0003", { payload: { ...body, title: 5 } });
    await fault("status=503", 4);
    const bluejeansDown = await create("no-store-check-0004");
    await fetch(`${stack.emulatorUrl}/__emulator/faults`, { method: "DELETE" });
    expect([ok, refused, badJson, invalid, bluejeansDown].map((r) => r.statusCode)).toEqual([
      201, 401, 400, 400, 503,
    ]);
    for (const answer of [ok, refused, badJson, invalid, bluejeansDown]) {
      expect(answer.headers["cache-control"]).toBe("no-store");
    }
  });

  test("BlueJeans asking to slow down reaches the pane with its Retry-After", async () => {
    await fault("status=429;retry-after=7", 5);
    const response = await create("slow-down-key-00001");
    expect(response.statusCode).toBe(429);
    expect(response.headers["retry-after"]).toBe("7");
    expect(await stack.activeMeetings()).toBe(0);
  });

  test("pages may be framed by the add-in itself and Outlook's hosts only", async () => {
    const page = await stack.app.inject({ method: "GET", url: "/apiStack.ts" });
    const policy = String(page.headers["content-security-policy"]);
    const ancestors = /frame-ancestors ([^;]+)/.exec(policy)?.[1]?.split(" ");
    expect(ancestors).toEqual(contentSecurityPolicy()["frame-ancestors"]);
    expect(ancestors).toEqual(
      expect.arrayContaining([
        "'self'",
        "https://outlook.office.com",
        "https://outlook.office365.com",
        "https://outlook.live.com",
      ]),
    );
    expect(ancestors).not.toContain("*");
  });

  test("source maps are not served in production", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "bjn-static-"));
    writeFileSync(
      path.join(root, "taskpane.0123abcd.js"),
      "console.log(1);\n//# sourceMappingURL=taskpane.0123abcd.js.map",
    );
    writeFileSync(path.join(root, "taskpane.0123abcd.js.map"), "{}");
    const app = await buildApp({ staticRoot: root });
    try {
      expect((await app.inject({ method: "GET", url: "/taskpane.0123abcd.js" })).statusCode).toBe(200);
      expect((await app.inject({ method: "GET", url: "/taskpane.0123abcd.js.map" })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
