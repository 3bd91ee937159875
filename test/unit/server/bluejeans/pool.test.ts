/**
 * The BlueJeans client's default transport (pool.ts): undici over keep-alive connections, shaped
 * like fetch for what http.ts reads, against a real HTTP server on loopback.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import { once } from "node:events";
import { createHttp } from "../../../../src/server/bluejeans/http";
import { createPooledTransport, type PooledTransport } from "../../../../src/server/bluejeans/pool";
import { buildApp } from "../../../../src/server/app";
import { createMeetingsDeps } from "../../../../src/server/wiring";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

async function startServer(handle: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void) {
  const seen: Seen[] = [];
  const sockets: net.Socket[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(entry);
      handle(req, res, entry);
    });
  });
  server.on("connection", (socket: net.Socket) => sockets.push(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    sockets,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const init = (overrides: Partial<Parameters<PooledTransport["fetch"]>[1]> = {}) => ({
  method: "GET",
  headers: { Accept: "application/json" },
  body: undefined,
  signal: new AbortController().signal,
  redirect: "error" as const,
  ...overrides,
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe("pooled transport", () => {
  let transport: PooledTransport;
  beforeEach(() => {
    transport = createPooledTransport();
  });
  afterEach(() => transport.close());

  test("sends method, path, query, headers and body, and reads status, headers and text", async () => {
    const server = await startServer((_req, res) => {
      res.setHeader("Retry-After", "7");
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.writeHead(429, { "Content-Type": "application/json" });
      res.end('{"message":"slow down"}');
    });
    try {
      const response = await transport.fetch(
        new URL(`${server.url}/v1/user/1/scheduled_meeting?email=false`),
        init({
          method: "POST",
          headers: {
            Accept: "application/json",
            "Content-Type": "application/json",
            Authorization: "Bearer t",
          },
          body: '{"title":"x"}',
        }),
      );
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("7");
      expect(response.headers.get("Retry-After")).toBe("7");
      expect(response.headers.get("set-cookie")).toBe("a=1, b=2");
      expect(response.headers.get("x-missing")).toBeNull();
      expect(await response.text()).toBe('{"message":"slow down"}');
      expect(server.seen).toEqual([
        expect.objectContaining({
          method: "POST",
          url: "/v1/user/1/scheduled_meeting?email=false",
          body: '{"title":"x"}',
          headers: expect.objectContaining({
            "content-type": "application/json",
            authorization: "Bearer t",
            "content-length": "13",
          }),
        }),
      ]);
    } finally {
      await server.close();
    }
  });

  test("keeps the connection alive: calls one after another share one socket", async () => {
    const server = await startServer((_req, res) => res.end("{}"));
    try {
      for (let i = 0; i < 3; i++) {
        const response = await transport.fetch(new URL(`${server.url}/ping`), init());
        expect(await response.text()).toBe("{}");
        // undici frees the connection just after the body ends; a call in the same tick would
        // find it still busy and open another.
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(server.seen).toHaveLength(3);
      expect(server.sockets).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  test("close() ends its connections, and no call goes out after it", async () => {
    const server = await startServer((_req, res) => res.end("{}"));
    try {
      await (await transport.fetch(new URL(`${server.url}/ping`), init())).text();
      const socket = server.sockets[0]!;
      const ended = once(socket, "close");
      await transport.close();
      await ended;
      await expect(transport.fetch(new URL(`${server.url}/ping`), init())).rejects.toThrow("fetch failed");
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  test("a redirect is refused as fetch's redirect: 'error' refuses it", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { Location: "https://elsewhere.example/steal" });
      res.end();
    });
    try {
      const failure = transport.fetch(
        new URL(`${server.url}/oauth2/token`),
        init({ method: "POST", body: "{}" }),
      );
      await expect(failure).rejects.toThrow(TypeError);
      await expect(failure).rejects.toThrow("fetch failed");
    } finally {
      await server.close();
    }
  });

  test("an abort while waiting for the answer rejects and drops the connection", async () => {
    const server = await startServer(() => {
      // Never answers.
    });
    try {
      const controller = new AbortController();
      const pending = transport.fetch(new URL(`${server.url}/slow`), init({ signal: controller.signal }));
      while (server.seen.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const dropped = once(server.sockets[0]!, "close");
      controller.abort();
      await expect(pending).rejects.toThrow("fetch failed");
      await dropped;
    } finally {
      await server.close();
    }
  });

  test("connection refused carries the code in its cause, as fetch's error does", async () => {
    const port = await closedPort();
    const error = await transport.fetch(new URL(`http://127.0.0.1:${port}/x`), init()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });
});

describe("http.ts over the pooled transport", () => {
  const ctx = {
    what: "create the meeting",
    method: "POST",
    path: "/v1/user/1/scheduled_meeting",
    creates: true,
  };
  let transport: PooledTransport;
  const sleeps: number[] = [];
  const httpAt = (baseUrl: string) =>
    createHttp({
      baseUrl,
      timeoutMs: 10_000,
      maxRetries: 2,
      maxRetryTimeMs: 20_000,
      fetch: transport.fetch,
      now: Date.now,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      log: () => undefined,
      redact: (text) => text,
    });
  beforeEach(() => {
    transport = createPooledTransport();
    sleeps.length = 0;
  });
  afterEach(() => transport.close());

  test("a redirect on a create is a network error that may have arrived, and is not repeated", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(307, { Location: "http://127.0.0.1:1/" });
      res.end();
    });
    try {
      await expect(httpAt(server.url)({ ctx, body: { title: "x" }, retry: "unsafe" })).rejects.toMatchObject({
        code: "unavailable",
        message: expect.stringMatching(/may have been created/),
      });
      expect(server.seen).toHaveLength(1);
      expect(sleeps).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test("a refused connection on a create was never sent: retried, and named by its code", async () => {
    const port = await closedPort();
    const error = await httpAt(`http://127.0.0.1:${port}`)({
      ctx,
      body: { title: "x" },
      retry: "unsafe",
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "unavailable", detail: expect.stringMatching(/ECONNREFUSED/) });
    expect((error as Error).message).not.toMatch(/may have been created/);
    expect(sleeps).toEqual([100, 200]);
  });
});

test("closing the server closes the BlueJeans client's connections", async () => {
  const deps = createMeetingsDeps({
    addinClientId: "00000000-0000-0000-0000-000000000001",
    addinOrigin: "https://127.0.0.1",
    allowedTenants: ["11111111-1111-1111-1111-111111111111"],
    issuerTemplate: "https://login.example/{tenantid}/v2.0",
    jwksTemplate: "https://login.example/{tenantid}/keys",
    bluejeans: { baseUrl: "http://127.0.0.1:1", clientId: "id", clientSecret: "secret", enterpriseId: 1 },
  });
  const close = jest.spyOn(deps.bluejeans, "close");
  const app = await buildApp({ staticRoot: __dirname, meetings: deps });
  await app.ready();
  expect(close).not.toHaveBeenCalled();
  await app.close();
  expect(close).toHaveBeenCalledTimes(1);
});
