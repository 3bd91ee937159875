/**
 * Slow clients cannot hold sockets: the server times out requests whose headers or body dribble
 * in, and closes an unauthenticated request's socket after its 401. Real sockets on loopback,
 * short timeouts; the tests wait for the socket to close, never for a clock.
 */
import type { FastifyInstance } from "fastify";
import { connect, type Socket } from "node:net";
import { startApiStack, type ApiStack } from "./apiStack";

let stack: ApiStack;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  stack = await startApiStack();
  app = await stack.startInstance({
    app: { timeouts: { requestMs: 300, headersMs: 200, idleMs: 2000, keepAliveMs: 200, checkEveryMs: 50 } },
  });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  port = Number(new URL(address).port);
});

afterAll(() => stack.close());

/** Opens a socket, writes `head`, then one byte of `drip` per tick until the server closes it. */
function dribble(head: string, drip: string): Promise<{ received: string; sentAll: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let received = "";
    let sent = 0;
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    const timer = setInterval(() => {
      if (sent < drip.length && !socket.destroyed) socket.write(drip[sent++]!);
    }, 25);
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ received, sentAll: sent >= drip.length });
    });
    socket.write(head);
  });
}

const body = JSON.stringify({
  title: "A body that arrives one byte at a time, for a long while",
  start: "2026-12-01T10:00:00.000Z",
  end: "2026-12-01T10:30:00.000Z",
  timeZone: "Europe/Berlin",
  attendees: Array.from({ length: 10 }, (_, i) => `person${i}@contoso.example`),
});

test("a signed-in request whose body dribbles in is timed out", async () => {
  const token = await stack.tokenFor();
  const { sentAll } = await dribble(
    `POST /api/meetings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      `Idempotency-Key: dribbling-body-0001\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    body,
  );
  expect(sentAll).toBe(false);
  expect(await stack.activeMeetings()).toBe(0);
});

test("headers that dribble in are timed out", async () => {
  const { sentAll } = await dribble("GET /health HTTP/1.1\r\n", "X-Slow: " + "a".repeat(400) + "\r\n\r\n");
  expect(sentAll).toBe(false);
});

test("an unauthenticated request's socket is closed after its 401, body or not", async () => {
  const { received, sentAll } = await dribble(
    `POST /api/meetings HTTP/1.1\r\nHost: x\r\nIdempotency-Key: no-token-at-all-01\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    body,
  );
  expect(received).toMatch(/^HTTP\/1\.1 401 /);
  expect(sentAll).toBe(false);
});
