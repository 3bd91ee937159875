/**
 * Scale-out on a shared store: two server instances behind one (imagined) load balancer share a
 * real redis-server, started here on a free port. A create on one and its retry on the other
 * make one meeting; Redis going away makes creates answer 503 (never a second meeting), and
 * creates work again when it is back.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createRedisStore, type RedisStore } from "../../../src/server/store/redis";
import { SAMPLE_REQUEST, useApiStack } from "./apiStack";

const REDIS = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** Starts redis-server with nothing saved to disk; resolves when it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGKILL");
  await once(child, "exit");
}

/** A store whose readiness a test can wait for. */
function storeAt(url: string): { store: RedisStore; ready: () => Promise<void> } {
  const store = createRedisStore({ url, prefix: "test:" });
  return {
    store,
    ready: async () => {
      if (store.client.status !== "ready") await once(store.client, "ready");
    },
  };
}

let port: number;
let redis: ChildProcess;
const stores: Array<ReturnType<typeof storeAt>> = [];
const current = useApiStack();

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis(port);
});

afterAll(async () => {
  for (const { store } of stores) await store.close();
  await stopRedis(redis);
});

async function twoInstances() {
  const stack = current();
  const [a, b] = [storeAt(`redis://127.0.0.1:${port}`), storeAt(`redis://127.0.0.1:${port}`)];
  stores.push(a, b);
  await Promise.all([a.ready(), b.ready()]);
  return {
    stack,
    a: { ...a, app: await stack.startInstance({ wiring: { store: a.store } }) },
    b: { ...b, app: await stack.startInstance({ wiring: { store: b.store } }) },
  };
}

async function createOn(app: Awaited<ReturnType<typeof twoInstances>>["a"]["app"], key: string) {
  return app.inject({
    method: "POST",
    url: "/api/meetings",
    headers: { authorization: `Bearer ${await current().tokenFor()}`, "idempotency-key": key },
    payload: SAMPLE_REQUEST,
  });
}

test("a create on one instance and its retry on the other make one meeting", async () => {
  const { stack, a, b } = await twoInstances();
  const first = await createOn(a.app, "two-instances-key-1");
  const retry = await createOn(b.app, "two-instances-key-1");
  expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
  expect(retry.json().meeting.meetingId).toBe(first.json().meeting.meetingId);
  expect(await stack.activeMeetings()).toBe(1);
});

test("the same create sent to both instances at once makes one meeting", async () => {
  const { stack, a, b } = await twoInstances();
  const [one, two] = await Promise.all([
    createOn(a.app, "both-at-once-key-01"),
    createOn(b.app, "both-at-once-key-01"),
  ]);
  expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
  expect(two.json().meeting.meetingId).toBe(one.json().meeting.meetingId);
  expect(await stack.activeMeetings()).toBe(1);
});

test("Redis going away: creates answer 503 and make nothing; when it is back they work again", async () => {
  const { stack, a, b } = await twoInstances();
  const before = await createOn(a.app, "before-outage-key-1");
  expect(before.statusCode).toBe(201);

  await stopRedis(redis);
  const during = await createOn(b.app, "during-outage-key-1");
  expect(during.statusCode).toBe(503);
  expect(during.json().error).toBe("store_unavailable");
  const retried = await createOn(a.app, "before-outage-key-1");
  expect(retried.statusCode).toBe(503);
  expect(await stack.activeMeetings()).toBe(1);
  // Reading a meeting needs no idempotency record: it still works.
  const read = await a.app.inject({
    method: "GET",
    url: `/api/meetings/${before.json().meeting.meetingId}`,
    headers: { authorization: `Bearer ${await stack.tokenFor()}` },
  });
  expect(read.statusCode).toBe(200);

  redis = await startRedis(port);
  await Promise.all([a.ready(), b.ready()]);
  const after = await createOn(b.app, "during-outage-key-1");
  expect(after.statusCode).toBe(201);
  expect(await stack.activeMeetings()).toBe(2);
});

test("rate limits count across instances: per user, and per client address before sign-in", async () => {
  const stack = current();
  const [a, b] = [storeAt(`redis://127.0.0.1:${port}`), storeAt(`redis://127.0.0.1:${port}`)];
  stores.push(a, b);
  await Promise.all([a.ready(), b.ready()]);
  const rateLimits = { perUserPerMinute: 3, perAddressPerMinute: 2 };
  const apps = [
    await stack.startInstance({ wiring: { store: a.store, rateLimits } }),
    await stack.startInstance({ wiring: { store: b.store, rateLimits } }),
  ];
  const token = await stack.tokenFor({ oid: "9e9e9e9e-1111-2222-3333-444444444444" });
  const signedIn: number[] = [];
  for (const app of [...apps, ...apps]) {
    const response = await app.inject({
      method: "GET",
      url: "/api/meetings/1",
      headers: { authorization: `Bearer ${token}` },
    });
    signedIn.push(response.statusCode);
  }
  expect(signedIn.slice(3)).toEqual([429]);
  expect(signedIn.slice(0, 3)).not.toContain(429);
  const strangers: number[] = [];
  for (const app of [...apps, ...apps]) {
    const response = await app.inject({
      method: "GET",
      url: "/api/meetings/1",
      remoteAddress: "198.51.100.20",
    });
    strangers.push(response.statusCode);
  }
  expect(strangers).toEqual([401, 401, 429, 429]);
  const limited = await apps[0]!.inject({
    method: "GET",
    url: "/api/meetings/1",
    remoteAddress: "198.51.100.20",
  });
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
});
