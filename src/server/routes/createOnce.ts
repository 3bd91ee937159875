/**
 * Creates a meeting at most once per idempotency key, across retries and across instances that
 * share the store. The first request claims the key (a "pending" record); what it learns is
 * kept against the key: the meeting, or, when BlueJeans may have made one without saying so,
 * that answer. A definite failure (nothing was made) frees the key for a retry. A record made
 * with a different request body is refused rather than answered with the first meeting.
 */
import * as crypto from "node:crypto";
import type { ApiErrorBody, MeetingResponse } from "../../shared/api/meetings";
import type { SharedStore } from "../store";

/** What the API answers to one create. */
export interface CreateAnswer {
  status: number;
  body: MeetingResponse | ApiErrorBody;
  headers?: Record<string, string>;
  /** The body as JSON when it is already serialized (for the record): sent as it is. */
  json?: string;
}

/** What a create attempt found; `keep` says whether the answer stands for later retries. */
export interface CreateResult {
  answer: CreateAnswer;
  keep: boolean;
}

export interface CreateRecord {
  state: "pending" | "settled";
  fingerprint: string;
  since: number;
  answer?: CreateAnswer;
}

export interface CreateOnceOptions {
  store: SharedStore;
  /** How long a key is remembered. */
  ttlMs: number;
  /** A pending record older than this was left by an instance that stopped: outcome unknown. */
  staleAfterMs?: number;
  /** How long a repeat waits for another instance's create before answering 409. */
  waitMs?: number;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when a store write after a create fails (the record then stays pending). */
  onStoreError?: (error: unknown) => void;
}

export type CreateOnce = (
  key: string,
  requestBody: unknown,
  create: () => Promise<CreateResult>,
) => Promise<CreateAnswer>;

/**
 * The same JSON whatever order its keys came in. Built in one string, without the arrays of
 * entries and parts a map-and-join makes: it runs on every create.
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i > 0 ? "," : "") + canonical(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonical(record[key])}`;
    first = false;
  }
  return `${out}}`;
}

/** One-shot digest where Node has it (20.12 on): no Hash object per create. */
const sha256 =
  typeof crypto.hash === "function"
    ? (text: string) => crypto.hash("sha256", text, "base64url")
    : (text: string) => crypto.createHash("sha256").update(text).digest("base64url");

export function fingerprintOf(requestBody: unknown): string {
  return sha256(canonical(requestBody));
}

const fail = (
  status: number,
  error: string,
  message: string,
  headers?: Record<string, string>,
): CreateAnswer => ({
  status,
  body: { error, message },
  ...(headers ? { headers } : {}),
});

export const STORE_UNAVAILABLE = fail(
  503,
  "store_unavailable",
  "The add-in's server cannot make sure the meeting is created only once right now, so it did not create it. Try again in a moment.",
  { "Retry-After": "5" },
);
const KEY_REUSED = fail(
  422,
  "idempotency_key_reused",
  "This appointment's meeting was first requested with other details. Remove the BlueJeans meeting and add it again.",
);
const IN_PROGRESS = fail(
  409,
  "create_in_progress",
  "The meeting is still being created. Try again in a moment.",
  { "Retry-After": "2" },
);
const OUTCOME_UNKNOWN = fail(
  502,
  "create_outcome_unknown",
  "The add-in's server stopped while creating this meeting, so it may have been created: check your BlueJeans meetings before adding another.",
);

/**
 * A settled record as JSON around the answer's body already serialized, so a create serializes
 * its meeting once, for the record and the reply alike. Parses to `{...record, state, answer}`.
 */
export function settledRecordJson(record: CreateRecord, answer: CreateAnswer, bodyJson: string): string {
  const headers = answer.headers ? `,"headers":${JSON.stringify(answer.headers)}` : "";
  const fields = `"fingerprint":${JSON.stringify(record.fingerprint)},"since":${JSON.stringify(record.since)}`;
  return `{"state":"settled",${fields},"answer":{"status":${JSON.stringify(answer.status)},"body":${bodyJson}${headers}}}`;
}

function parseRecord(raw: string): CreateRecord | undefined {
  try {
    const record = JSON.parse(raw) as CreateRecord;
    return typeof record.fingerprint === "string" && typeof record.since === "number" ? record : undefined;
  } catch {
    return undefined;
  }
}

export function createOnceWith(options: CreateOnceOptions): CreateOnce {
  const { store, ttlMs } = options;
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const waitMs = options.waitMs ?? 25_000;
  const pollMs = options.pollMs ?? 100;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Repeats on this instance wait for the same promise instead of polling the store.
  const inFlight = new Map<string, { fingerprint: string; answer: Promise<CreateAnswer> }>();

  async function settle(key: string, record: CreateRecord, create: () => Promise<CreateResult>) {
    let result: CreateResult;
    try {
      result = await create();
    } catch {
      // Not a BlueJeans verdict: whether a meeting was made is not known, so it is not retried.
      result = { answer: fail(500, "internal", "Something went wrong on the add-in's server."), keep: true };
    }
    const answer = result.keep
      ? { ...result.answer, json: JSON.stringify(result.answer.body) }
      : result.answer;
    try {
      if (result.keep) {
        await store.set(key, settledRecordJson(record, answer, answer.json!), ttlMs);
      } else {
        await store.delete(key);
      }
    } catch (error) {
      options.onStoreError?.(error);
    }
    return answer;
  }

  async function attempt(key: string, fingerprint: string, create: () => Promise<CreateResult>) {
    const deadline = now() + waitMs;
    for (;;) {
      const record: CreateRecord = { state: "pending", fingerprint, since: now() };
      let existing: CreateRecord | undefined;
      try {
        if (await store.setIfAbsent(key, JSON.stringify(record), ttlMs)) return settle(key, record, create);
        const raw = await store.get(key);
        if (raw === undefined) continue; // Freed in between: claim it again.
        existing = parseRecord(raw);
      } catch {
        return STORE_UNAVAILABLE;
      }
      if (!existing) return OUTCOME_UNKNOWN;
      if (existing.fingerprint !== fingerprint) return KEY_REUSED;
      if (existing.state === "settled" && existing.answer) return existing.answer;
      if (now() - existing.since > staleAfterMs) return OUTCOME_UNKNOWN;
      if (now() >= deadline) return IN_PROGRESS;
      await sleep(pollMs);
    }
  }

  return (key, requestBody, create) => {
    const fingerprint = fingerprintOf(requestBody);
    const running = inFlight.get(key);
    if (running) return running.fingerprint === fingerprint ? running.answer : Promise.resolve(KEY_REUSED);
    const answer = attempt(key, fingerprint, create).finally(() => inFlight.delete(key));
    inFlight.set(key, { fingerprint, answer });
    return answer;
  };
}
