/**
 * The BlueJeans Meetings API client, server side only (it holds the app's client secret).
 * Every call gets the shared enterprise token, goes through http.ts (timeout, retries), and
 * on a 401 drops the token and tries once more with a new one.
 */
import {
  badResponseError,
  errorForStatus,
  invalidInputError,
  BlueJeansError,
  type CallContext,
} from "./errors";
import { createPooledTransport } from "./pool";
import { createHttp, parseRetryAfter, type HttpRequest, type HttpResponse, type RetryPolicy } from "./http";
import {
  ParseError,
  parseJson,
  parseMeeting,
  parseMeetingList,
  parseNumbers,
  parsePersonalMeeting,
  parseUserSearch,
  serverMessage,
  type FoundUser,
} from "./parse";
import { LRUCache } from "lru-cache";
import { isKnownTimeZone } from "../../shared/api/timeZone";
import { createRedactor } from "./redact";
import { toMeetingModel } from "./toModel";
import { createTokenProvider } from "./token";
import type {
  BlueJeansApi,
  BlueJeansClientOptions,
  BlueJeansLogEvent,
  DialInLocation,
  MeetingInput,
  ScheduledMeeting,
} from "./types";

const DEFAULTS = {
  timeoutMs: 10_000,
  maxRetries: 3,
  maxRetryTimeMs: 20_000,
  dialInCountry: "US",
  userCacheTtlMs: 10 * 60_000,
  userCacheSize: 500,
};
/** "No such user" is remembered for less long: the account may be created any minute. */
const MISSING_USER_TTL_MS = 60_000;
/**
 * The 2023 contract requires `ip` for choosing local numbers; the server does not know the
 * person's address, so it sends the unspecified address and lets `country` decide.
 */
const UNKNOWN_IP = "0.0.0.0";
const DEFAULT_CANCELLATION = "This meeting has been cancelled.";

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function checkOptions(options: BlueJeansClientOptions): string {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new Error("BlueJeans client: baseUrl is not a URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error("BlueJeans client: baseUrl must be http(s).");
  }
  if (!options.clientId) throw new Error("BlueJeans client: clientId is empty.");
  if (!options.clientSecret) throw new Error("BlueJeans client: clientSecret is empty.");
  const enterpriseId = String(options.enterpriseId).trim();
  if (!/^\d+$/.test(enterpriseId)) throw new Error("BlueJeans client: enterpriseId must be digits.");
  return enterpriseId;
}

export function createBlueJeansClient(options: BlueJeansClientOptions): BlueJeansApi {
  const enterpriseId = checkOptions(options);
  const now = options.now ?? Date.now;
  const redactor = createRedactor([options.clientSecret]);
  const log = (event: BlueJeansLogEvent) => {
    if (!options.log) return;
    try {
      options.log(redactor.value(event) as BlueJeansLogEvent);
    } catch {
      // A failing logger must not fail the call.
    }
  };
  // Without an injected fetch: undici over keep-alive connections, closed by close().
  const pooled = options.fetch ? undefined : createPooledTransport();
  const http = createHttp({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
    maxRetryTimeMs: options.maxRetryTimeMs ?? DEFAULTS.maxRetryTimeMs,
    fetch: options.fetch ?? pooled!.fetch,
    now,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    log,
    redact: redactor.text,
  });
  const tokens = createTokenProvider({
    http,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    now,
    log,
    redact: redactor.text,
    onToken: redactor.add,
  });
  const userTtl = options.userCacheTtlMs ?? DEFAULTS.userCacheTtlMs;
  // A user's account, or "none" (remembered for less long), keyed by lower-case e-mail address.
  const userCache = new LRUCache<string, { id: number } | "none">({
    max: options.userCacheSize ?? DEFAULTS.userCacheSize,
    ttl: userTtl,
    perf: { now },
    ttlResolution: 0,
  });
  const dialInCountry = options.dialInCountry ?? DEFAULTS.dialInCountry;

  /** Any error leaving the client is a BlueJeansError with redacted detail. */
  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof BlueJeansError) throw error;
      const detail = redactor.text(
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      );
      throw new BlueJeansError(
        "unavailable",
        "Something went wrong while talking to BlueJeans. Try again in a few minutes.",
        undefined,
        detail,
      );
    }
  }

  async function call(request: Omit<HttpRequest, "token">): Promise<HttpResponse> {
    const token = await tokens.get();
    const response = await http({ ...request, token });
    if (response.status !== 401) return response;
    // The token expired or was revoked early: once, with a new one.
    tokens.invalidate(token);
    log({ event: "bluejeans.token.rejected", method: request.ctx.method, path: request.ctx.path });
    return http({ ...request, token: await tokens.get() });
  }

  function failure(ctx: CallContext, response: HttpResponse): BlueJeansError {
    const message = serverMessage(response.text);
    return errorForStatus(
      ctx,
      response.status,
      message === undefined ? undefined : redactor.text(message),
      parseRetryAfter(response.headers.get("retry-after"), now()),
    );
  }

  function read<T>(ctx: CallContext, response: HttpResponse, parser: (json: unknown) => T): T {
    try {
      return parser(parseJson(response.text));
    } catch (error) {
      if (error instanceof ParseError) throw badResponseError(ctx, response.status, error.message);
      throw error;
    }
  }

  const ok = (response: HttpResponse) => response.status >= 200 && response.status < 300;

  async function exchange<T>(
    ctx: CallContext,
    retry: RetryPolicy,
    parser: (json: unknown) => T,
    extra: Pick<HttpRequest, "query" | "body"> = {},
  ): Promise<T> {
    const response = await call({ ctx, retry, ...extra });
    if (!ok(response)) throw failure(ctx, response);
    return read(ctx, response, parser);
  }

  function requireId(value: number, name: string, ctx: CallContext): number {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw invalidInputError(ctx, `the BlueJeans ${name} must be a positive whole number.`);
    }
    return value;
  }

  function meetingBody(input: MeetingInput, ctx: CallContext): Record<string, unknown> {
    const title = input.title.trim();
    if (!title) throw invalidInputError(ctx, "the meeting needs a title.");
    const start = input.start.getTime();
    const end = input.end.getTime();
    if (Number.isNaN(start) || Number.isNaN(end))
      throw invalidInputError(ctx, "the meeting's times are not valid.");
    if (end <= start) throw invalidInputError(ctx, "the meeting must end after it starts.");
    if (!isKnownTimeZone(input.timezone)) {
      throw invalidInputError(ctx, `the time zone "${input.timezone}" is not one BlueJeans knows.`);
    }
    const seen = new Set<string>();
    const attendees = (input.attendees ?? [])
      .map((email) => email.trim())
      .filter((email) => {
        const key = email.toLowerCase();
        if (!email.includes("@") || seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((email) => ({ email }));
    return {
      title,
      description: input.description ?? "",
      start,
      end,
      timezone: input.timezone,
      endPointType: "WEB_APP",
      endPointVersion: "2.10",
      attendees,
      addAttendeePasscode: input.attendeePasscode ?? false,
      advancedMeetingOptions: {
        moderatorLess: input.moderatorLess ?? false,
        muteParticipantsOnEntry: input.muteOnEntry ?? false,
        autoRecord: input.autoRecord ?? false,
      },
      ...(input.recurrence
        ? { recurrencePattern: input.recurrence, endlessMeeting: input.recurrence.endDate === undefined }
        : {}),
    };
  }

  // Only the account whose address is exactly this person's (case aside) is theirs. An answer that
  // does not say whose each account is cannot be trusted to be theirs, so it is refused.
  function pickUser(found: FoundUser[], email: string): { id: number } | undefined {
    const wanted = email.toLowerCase();
    if (found.some((user) => user.email === undefined)) {
      throw new ParseError("the user search answered without the users' email addresses");
    }
    const match = found.find((user) => user.email?.toLowerCase() === wanted);
    return match ? { id: match.id } : undefined;
  }

  const meetingPath = (userId: number, meetingId: number) =>
    `/v1/user/${userId}/scheduled_meeting/${meetingId}`;

  return {
    findUserByEmail: (email) =>
      guarded(async () => {
        const path = `/v1/enterprise/${enterpriseId}/users`;
        const ctx: CallContext = { what: "look up your BlueJeans account", method: "GET", path };
        const trimmed = email.trim();
        if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw invalidInputError(ctx, "that is not an email address.");
        const key = trimmed.toLowerCase();
        const cached = userCache.get(key);
        if (cached) return cached === "none" ? undefined : cached;
        const response = await call({
          ctx,
          retry: "idempotent",
          query: { emailId: trimmed, fields: "email" },
        });
        let user: { id: number } | undefined;
        if (response.status === 404) user = undefined;
        else if (!ok(response)) throw failure(ctx, response);
        else user = read(ctx, response, (json) => pickUser(parseUserSearch(json), trimmed));
        userCache.set(key, user ?? "none", user ? {} : { ttl: Math.min(userTtl, MISSING_USER_TTL_MS) });
        return user;
      }),

    createMeeting: (userId, input) =>
      guarded(async () => {
        const path = `/v1/user/${userId}/scheduled_meeting`;
        const ctx: CallContext = {
          what: "create the BlueJeans meeting",
          method: "POST",
          path,
          creates: true,
        };
        requireId(userId, "user ID", ctx);
        const body = meetingBody(input, ctx);
        // Retried only when BlueJeans surely did nothing: see http.ts.
        return exchange(ctx, "unsafe", parseMeeting, { query: { email: "false" }, body });
      }),

    getMeeting: (userId, meetingId) =>
      guarded(async () => {
        const ctx: CallContext = {
          what: "read the BlueJeans meeting",
          method: "GET",
          path: meetingPath(userId, meetingId),
        };
        requireId(userId, "user ID", ctx);
        requireId(meetingId, "meeting ID", ctx);
        const meeting = await exchange(ctx, "idempotent", parseMeeting);
        if (meeting.deleted) throw errorForStatus(ctx, 404, "the meeting is marked deleted");
        return meeting;
      }),

    updateMeeting: (userId, meetingId, input) =>
      guarded(async () => {
        const ctx: CallContext = {
          what: "update the BlueJeans meeting",
          method: "PUT",
          path: meetingPath(userId, meetingId),
        };
        requireId(userId, "user ID", ctx);
        requireId(meetingId, "meeting ID", ctx);
        const body = meetingBody(input, ctx);
        return exchange(ctx, "idempotent", parseMeeting, { body });
      }),

    findMeetings: (userId, numericMeetingId) =>
      guarded(async () => {
        const path = `/v1/user/${userId}/scheduled_meeting`;
        const ctx: CallContext = { what: "look up BlueJeans meetings", method: "GET", path };
        requireId(userId, "user ID", ctx);
        if (!/^\d{1,20}$/.test(numericMeetingId)) {
          throw invalidInputError(ctx, "a meeting ID is digits only.");
        }
        const meetings = await exchange(ctx, "idempotent", parseMeetingList, { query: { numericMeetingId } });
        // The filter is BlueJeans'; only what it names exactly counts.
        return meetings.filter((m) => !m.deleted && m.numericMeetingId === numericMeetingId);
      }),

    deleteMeeting: (userId, meetingId, cancellationMessage) =>
      guarded(async () => {
        const ctx: CallContext = {
          what: "cancel the BlueJeans meeting",
          method: "DELETE",
          path: meetingPath(userId, meetingId),
        };
        requireId(userId, "user ID", ctx);
        requireId(meetingId, "meeting ID", ctx);
        const response = await call({
          ctx,
          retry: "idempotent",
          query: { email: "false", cancellationMessage: cancellationMessage ?? DEFAULT_CANCELLATION },
        });
        // 404: not this user's, or already gone (perhaps by an earlier attempt whose answer was
        // lost). The caller decides what that means.
        if (ok(response)) return true;
        if (response.status === 404) return false;
        throw failure(ctx, response);
      }),

    getDialInNumbers: (userId, meetingId, where?: DialInLocation) =>
      guarded(async () => {
        const ctx: CallContext = {
          what: "read the meeting's dial-in numbers",
          method: "GET",
          path: `/v1/user/${userId}/meetings/${meetingId}/numbers`,
        };
        requireId(userId, "user ID", ctx);
        requireId(meetingId, "meeting ID", ctx);
        const query = {
          ip: where?.ip?.trim() || UNKNOWN_IP,
          country: where?.country?.trim() || dialInCountry,
          allowGeoLocation: "true",
        };
        return exchange(ctx, "idempotent", parseNumbers, { query });
      }),

    getPersonalMeeting: (userId) =>
      guarded(async () => {
        const ctx: CallContext = {
          what: "read your personal BlueJeans meeting",
          method: "GET",
          path: `/v1/user/${userId}/personal_meeting`,
        };
        requireId(userId, "user ID", ctx);
        return exchange(ctx, "idempotent", parsePersonalMeeting);
      }),

    toMeetingModel: (meeting: ScheduledMeeting, numbers, organizerName) =>
      toMeetingModel(meeting, numbers, organizerName),

    close: async () => {
      await pooled?.close();
    },
  };
}
