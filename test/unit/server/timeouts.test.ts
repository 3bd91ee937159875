/**
 * Slow clients cannot hold sockets: the server times out requests whose headers or body dribble
 * in, and closes an unauthenticated request's socket after its 401. Real sockets on loopback,
 * short timeouts; each request is left unfinished and the tests wait for the server to close the
 * socket, never for a clock.
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

/**
 * Opens a socket and writes a request that is never finished (the caller leaves out its end),
 * then waits for the server to close the socket: the close is the proof, no clock is raced. A
 * server that never closed it would leave the test to Jest's timeout, and fail.
 */
function neverFinish(unfinished: string): Promise<{ received: string }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve({ received }));
    socket.write(unfinished);
  });
}

const body = JSON.stringify({
  title: "A body that arrives one byte at a time, for a long while",
  start: "2026-12-01T10:00:00.000Z",
  end: "2026-12-01T10:30:00.000Z",
  timeZone: "Europe/Berlin",
  attendees: Array.from({ length: 10 }, (_, i) => `person${i}@contoso.example`),
});

test("a signed-in request whose body never arrives whole is timed out (408)", async () => {
  const token = await stack.tokenFor();
  const { received } = await neverFinish(
    `POST /api/meetings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      `Idempotency-Key: dribbling-body-0001\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` +
      body.slice(0, -1),
  );
  expect(received).toMatch(/^HTTP\/1\.1 408 /);
  expect(await stack.activeMeetings()).toBe(0);
});

test("headers that never end are timed out (408)", async () => {
  const { received } = await neverFinish("GET /health HTTP/1.1\r\nX-Slow: " + "a".repeat(400) + "\r\n");
  expect(received).toMatch(/^HTTP\/1\.1 408 /);
});

test("an unauthenticated request's socket is closed after its 401, without waiting for the body", async () => {
  const { received } = await neverFinish(
    `POST /api/meetings HTTP/1.1\r\nHost: x\r\nIdempotency-Key: no-token-at-all-01\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` +
      body.slice(0, 10),
  );
  expect(received).toMatch(/^HTTP\/1\.1 401 /);
});
