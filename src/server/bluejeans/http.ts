/**
 * One HTTP exchange with BlueJeans: a fetch-shaped call (pool.ts by default) with a timeout on every attempt, and retries with
 * exponential backoff and full jitter, bounded by a number of retries and a total time.
 *
 * What is retried depends on whether repeating the request is safe:
 * - "idempotent" (GET, PUT with the full body, DELETE, the token request): 429, 5xx (not 501/505),
 *   timeouts and network errors.
 * - "unsafe" (POST that creates a meeting): only 429 (BlueJeans refused before doing anything)
 *   and network errors where the connection was never made, so the request never left. A timeout
 *   or a 5xx may come after BlueJeans created the meeting; repeating the POST could create a
 *   second one, and BlueJeans has no idempotency key, so the error goes back to the caller, whose
 *   message says the meeting may exist.
 *
 * Answers with any status come back as an HttpResponse; only a missing answer (timeout, network)
 * throws, as a BlueJeansError.
 */
import { networkError, timeoutError, type CallContext } from "./errors";
import type { BlueJeansLogEvent } from "./types";

export type RetryPolicy = "idempotent" | "unsafe";

export interface HttpRequest {
  ctx: CallContext;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `Authorization: Bearer`. */
  token?: string;
  retry: RetryPolicy;
}

/** What http.ts reads of an answer's headers (fetch's Headers has it). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
  /** How many attempts it took. */
  attempts: number;
}

/** What http.ts passes to the transport. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
  redirect: "error";
}

/** What http.ts needs of an answer; fetch's Response has it. */
export interface FetchResponse {
  status: number;
  headers: ResponseHeaders;
  text(): Promise<string>;
}

/** The part of fetch http.ts uses: global fetch fits, and so does pool.ts's transport. */
export type FetchLike = (url: URL, init: FetchInit) => Promise<FetchResponse>;

export interface HttpSettings {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryTimeMs: number;
  fetch: FetchLike;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Already redacting. */
  log: (event: BlueJeansLogEvent) => void;
  redact: (text: string) => string;
}

export type Http = (request: HttpRequest) => Promise<HttpResponse>;

const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
/** A retry gets at least this long, even when little of the budget is left. */
const MIN_ATTEMPT_MS = 250;

/** Connection errors that mean no byte of the request reached the server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

type Outcome =
  | { kind: "response"; response: HttpResponse }
  | { kind: "timeout"; ms: number }
  | { kind: "network"; reason: string; sent: boolean };

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full jitter: anywhere from 0 to the exponential ceiling. */
export function backoffDelay(retry: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return Math.floor(random() * ceiling);
}

function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== "object" || error === null) return [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === "string" ? [record.code] : [];
  const nested = Array.isArray(record.errors) ? record.errors : [];
  return [...own, ...errorCodes(record.cause, depth + 1), ...nested.flatMap((e) => errorCodes(e, depth + 1))];
}

function describe(error: unknown): string {
  const codes = errorCodes(error);
  const base = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return codes.length > 0 ? `${base} (${[...new Set(codes)].join(", ")})` : base;
}

function isRetryableStatus(status: number, policy: RetryPolicy): boolean {
  if (status === 429) return true;
  return policy === "idempotent" && status >= 500 && status !== 501 && status !== 505;
}

export function createHttp(settings: HttpSettings): Http {
  const base = settings.baseUrl.replace(/\/+$/, "");

  async function attempt(request: HttpRequest, timeoutMs: number, attempts: number): Promise<Outcome> {
    const url = new URL(base + request.ctx.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (request.body !== undefined) headers["Content-Type"] = "application/json";
    if (request.token !== undefined) headers.Authorization = `Bearer ${request.token}`;

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let headersArrived = false;
    try {
      const response = await settings.fetch(url, {
        method: request.ctx.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
        // A redirect would carry the token (or the secret, for the token request) elsewhere.
        redirect: "error",
      });
      headersArrived = true;
      const text = await response.text();
      return {
        kind: "response",
        response: { status: response.status, headers: response.headers, text, attempts },
      };
    } catch (error) {
      if (timedOut) return { kind: "timeout", ms: timeoutMs };
      const codes = errorCodes(error);
      const sent = headersArrived || !codes.some((code) => NOT_SENT_CODES.has(code));
      return { kind: "network", reason: settings.redact(describe(error)), sent };
    } finally {
      clearTimeout(timer);
    }
  }

  function retryable(outcome: Outcome, policy: RetryPolicy): boolean {
    switch (outcome.kind) {
      case "response":
        return isRetryableStatus(outcome.response.status, policy);
      case "timeout":
        return policy === "idempotent";
      case "network":
        return policy === "idempotent" || !outcome.sent;
    }
  }

  function finish(request: HttpRequest, outcome: Outcome): HttpResponse {
    switch (outcome.kind) {
      case "response":
        return outcome.response;
      case "timeout":
        throw timeoutError(request.ctx, outcome.ms);
      case "network":
        throw networkError(request.ctx, outcome.reason, outcome.sent);
    }
  }

  return async (request) => {
    const started = settings.now();
    for (let retries = 0; ; retries++) {
      const remaining = settings.maxRetryTimeMs - (settings.now() - started);
      const timeoutMs =
        retries === 0
          ? settings.timeoutMs
          : Math.min(settings.timeoutMs, Math.max(remaining, MIN_ATTEMPT_MS));
      const attemptStarted = Date.now();
      const outcome = await attempt(request, timeoutMs, retries + 1);
      settings.log({
        event: "bluejeans.http",
        method: request.ctx.method,
        path: request.ctx.path,
        attempt: retries + 1,
        outcome: outcome.kind === "response" ? outcome.response.status : outcome.kind,
        ms: Date.now() - attemptStarted,
      });

      if (!retryable(outcome, request.retry) || retries >= settings.maxRetries) {
        return finish(request, outcome);
      }
      const retryAfter =
        outcome.kind === "response"
          ? parseRetryAfter(outcome.response.headers.get("retry-after"), settings.now())
          : undefined;
      const delay = retryAfter ?? backoffDelay(retries, settings.random);
      if (settings.now() - started + delay > settings.maxRetryTimeMs) {
        settings.log({
          event: "bluejeans.retry.budget",
          method: request.ctx.method,
          path: request.ctx.path,
          attempts: retries + 1,
          wantedDelayMs: delay,
        });
        return finish(request, outcome);
      }
      settings.log({
        event: "bluejeans.retry",
        method: request.ctx.method,
        path: request.ctx.path,
        attempt: retries + 1,
        delayMs: delay,
        retryAfter: retryAfter !== undefined,
      });
      await settings.sleep(delay);
    }
  };
}
