/**
 * Where the server keeps what must outlive one request: idempotency records of creates and the
 * counters that bound work for strangers. In memory for one instance; in Redis (REDIS_URL) when
 * several instances sit behind one load balancer, so a retry that lands on another instance
 * finds the first one's record. Every operation may reject when the store is unreachable; the
 * callers decide what that means (a create answers 503 rather than risk a second meeting).
 */
import { LRUCache } from "lru-cache";

export interface SharedStore {
  /** True when other instances see the same records (Redis). */
  readonly shared: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets only when the key is absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Adds one to a counter that starts at 0 and disappears `windowMs` after its first increment. */
  increment(key: string, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
}

export interface MemoryStoreOptions {
  /** Most records kept; the least recently used go first beyond it. Default 50,000. */
  maxEntries?: number;
  /**
   * Most characters kept, keys and values together (about a byte each: they are JSON). Default
   * 32 Mi. A settled create is about 1.2 kB (the meeting as the pane gets it), so records, not
   * their count, decide the memory; beyond it the least recently used go first.
   */
  maxChars?: number;
  now?: () => number;
}

/** A counter's size in the budget: a key and a small number. */
const COUNTER_CHARS = 8;

/** The store of a single instance. Bounded: the least recently used records go first. */
export function createMemoryStore(options: MemoryStoreOptions = {}): SharedStore {
  const entries = new LRUCache<string, string | number>({
    max: options.maxEntries ?? 50_000,
    maxSize: options.maxChars ?? 32 * 1024 * 1024,
    sizeCalculation: (value, key) => key.length + (typeof value === "string" ? value.length : COUNTER_CHARS),
    ttlAutopurge: false,
    // Expiry read from the clock on every look-up (a test clock may jump).
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  return {
    shared: false,
    get: async (key) => {
      const value = entries.get(key);
      return typeof value === "string" ? value : undefined;
    },
    set: async (key, value, ttlMs) => {
      entries.set(key, value, { ttl: ttlMs });
    },
    setIfAbsent: async (key, value, ttlMs) => {
      if (entries.has(key)) return false;
      entries.set(key, value, { ttl: ttlMs });
      return true;
    },
    delete: async (key) => {
      entries.delete(key);
    },
    increment: async (key, windowMs) => {
      const current = entries.get(key);
      if (typeof current === "number") {
        entries.set(key, current + 1, { noUpdateTTL: true });
        return current + 1;
      }
      entries.set(key, 1, { ttl: windowMs });
      return 1;
    },
    close: async () => {
      entries.clear();
    },
  };
}
