/**
 * Every failure of the BlueJeans client is a BlueJeansError: a stable code, the HTTP status when
 * there was one, a message the person can act on, and a technical detail for logs. Secrets are
 * scrubbed from the detail before an error is built (see redact.ts); the message never carries
 * server text.
 */

export type BlueJeansErrorCode =
  "unauthorized" | "not_found" | "rate_limited" | "unavailable" | "timeout" | "bad_response" | "rejected";

export class BlueJeansError extends Error {
  override readonly name = "BlueJeansError";
  constructor(
    readonly code: BlueJeansErrorCode,
    /** What happened and what to do, in plain words. */
    message: string,
    /** HTTP status of the last answer; undefined when none came (timeout, network, local check). */
    readonly status: number | undefined,
    /** Technical detail for logs and support: method, path, server message. Never a secret. */
    readonly detail: string | undefined,
    /** For rate_limited: how long BlueJeans asked us to wait, when it said. */
    readonly retryAfterMs?: number,
    /**
     * For a create: the request may have reached BlueJeans and made the meeting (a timeout, a
     * broken connection after sending, an answer that could not be read). Repeating it could
     * make a second meeting.
     */
    readonly outcomeUnknown = false,
  ) {
    super(message);
  }

  /** What logs and JSON responses carry: no stack, no cause. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      message: this.message,
      detail: this.detail,
    };
  }
}

/** What the failing call was doing, for messages and details. */
export interface CallContext {
  /** Words after "could not", e.g. "create the BlueJeans meeting". */
  what: string;
  method: string;
  path: string;
  /** True for a create: a timeout may have left a meeting behind. */
  creates?: boolean;
}

const MAX_DETAIL = 500;

const MAY_EXIST =
  " The meeting may have been created anyway: check your BlueJeans meetings before trying again.";

function detailOf(ctx: CallContext, extra: string | undefined): string {
  const head = `${ctx.method} ${ctx.path}`;
  const text = extra ? `${head}: ${extra}` : head;
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The error for a final HTTP answer that is not a success. `serverMessage` is already redacted. */
export function errorForStatus(
  ctx: CallContext,
  status: number,
  serverMessage: string | undefined,
  retryAfterMs?: number,
): BlueJeansError {
  const detail = detailOf(ctx, `HTTP ${status}${serverMessage ? ` ${serverMessage}` : ""}`);
  if (status === 401 || status === 403) {
    return new BlueJeansError(
      "unauthorized",
      `BlueJeans refused the add-in's credentials, so it could not ${ctx.what}. ` +
        "Ask your administrator to check the BlueJeans app's client ID, secret and enterprise ID.",
      status,
      detail,
    );
  }
  if (status === 404) {
    return new BlueJeansError(
      "not_found",
      `BlueJeans could not find what was needed to ${ctx.what}: it may have been deleted in BlueJeans. ` +
        "Remove the meeting from this appointment and add a new one.",
      status,
      detail,
    );
  }
  if (status === 429) {
    return new BlueJeansError(
      "rate_limited",
      `BlueJeans is receiving too many requests, so the add-in could not ${ctx.what}. ` +
        "Wait a minute and try again.",
      status,
      detail,
      retryAfterMs,
    );
  }
  if (status >= 500) {
    return new BlueJeansError(
      "unavailable",
      `BlueJeans is not available right now, so the add-in could not ${ctx.what}. Try again in a few minutes.`,
      status,
      detail,
    );
  }
  return new BlueJeansError(
    "rejected",
    `BlueJeans did not accept the request to ${ctx.what}. ` +
      "Check the meeting's title, times and attendees, then try again; if it keeps failing, contact your administrator.",
    status,
    detail,
  );
}

export function timeoutError(ctx: CallContext, ms: number): BlueJeansError {
  const maybeCreated = ctx.creates ? MAY_EXIST : " Check your connection and try again.";
  return new BlueJeansError(
    "timeout",
    `BlueJeans did not answer in time, so the add-in could not ${ctx.what}.${maybeCreated}`,
    undefined,
    detailOf(ctx, `no answer within ${ms} ms`),
    undefined,
    ctx.creates === true,
  );
}

export function networkError(ctx: CallContext, reason: string, mayHaveArrived: boolean): BlueJeansError {
  const unknown = ctx.creates === true && mayHaveArrived;
  const maybeCreated = unknown ? MAY_EXIST : " Check your connection and try again in a few minutes.";
  return new BlueJeansError(
    "unavailable",
    `The add-in could not reach BlueJeans to ${ctx.what}.${maybeCreated}`,
    undefined,
    detailOf(ctx, reason),
    undefined,
    unknown,
  );
}

export function badResponseError(ctx: CallContext, status: number, reason: string): BlueJeansError {
  // A success that cannot be read still made the meeting.
  const unknown = ctx.creates === true && status >= 200 && status < 300;
  return new BlueJeansError(
    "bad_response",
    `BlueJeans sent an answer the add-in could not read, so it could not ${ctx.what}.` +
      (unknown ? MAY_EXIST : " Try again; if it keeps happening, contact your administrator."),
    status,
    detailOf(ctx, `HTTP ${status}: ${reason}`),
    undefined,
    unknown,
  );
}

/** A check made before anything is sent (bad input from the caller). */
export function invalidInputError(ctx: CallContext, problem: string): BlueJeansError {
  return new BlueJeansError(
    "rejected",
    `${capitalised(problem)} Fix it and try again.`,
    undefined,
    detailOf(ctx, problem),
  );
}
