/**
 * The store in Redis, for several instances (REDIS_URL). Commands fail fast while Redis is away
 * (no offline queue, a short command timeout) instead of holding requests, and the client
 * reconnects on its own, so the server recovers when Redis comes back.
 */
import { Redis } from "ioredis";
import { StoreUnavailableError, type SharedStore } from "./index";

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key, so one Redis can serve several deployments. Default "bjo:". */
  prefix?: string;
  /** Longest wait for one command. Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Told when the connection fails or returns (the server logs it). */
  onState?: (state: "ready" | "error", detail?: string) => void;
}

export interface RedisStore extends SharedStore {
  /** The client, shared with the rate limiter. */
  readonly client: Redis;
}

export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const client = new Redis(options.url, {
    keyPrefix: options.prefix ?? "bjo:",
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    // Reconnect forever, backing off to one try a second.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  let lastError = "";
  client.on("error", (error: Error) => {
    // Reported once per outage, not once per reconnect attempt.
    if (error.message !== lastError) options.onState?.("error", error.message);
    lastError = error.message;
  });
  client.on("close", () => {
    if (lastError !== "connection closed") options.onState?.("error", "connection closed");
    lastError = "connection closed";
  });
  client.on("ready", () => {
    lastError = "";
    options.onState?.("ready");
  });

  const run = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw new StoreUnavailableError(
        `Redis is not available: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  return {
    shared: true,
    client,
    get: (key) => run(async () => (await client.get(key)) ?? undefined),
    set: (key, value, ttlMs) =>
      run(async () => {
        await client.set(key, value, "PX", Math.max(1, Math.ceil(ttlMs)));
      }),
    setIfAbsent: (key, value, ttlMs) =>
      run(async () => (await client.set(key, value, "PX", Math.max(1, Math.ceil(ttlMs)), "NX")) === "OK"),
    delete: (key) =>
      run(async () => {
        await client.del(key);
      }),
    increment: (key, windowMs) =>
      run(async () => {
        const results = await client
          .multi()
          .incr(key)
          .pexpire(key, Math.max(1, Math.ceil(windowMs)), "NX")
          .exec();
        const count = results?.[0]?.[1];
        if (typeof count !== "number") throw new Error("INCR gave no number");
        return count;
      }),
    close: async () => {
      client.disconnect();
    },
  };
}
