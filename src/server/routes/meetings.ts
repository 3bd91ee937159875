/**
 * The meetings API the task pane calls (contract: src/shared/api/meetings.ts): create, read,
 * update and delete a scheduled BlueJeans meeting for the signed-in user. Every request's token
 * is verified first and every caller is rate limited (per user; per client address until they
 * are signed in). The server acts only for the BlueJeans account named by the token (see
 * verifyToken.ts for the claim), and only on that account's meetings.
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import type { ApiErrorBody, MeetingRequest, MeetingResponse } from "../../shared/api/meetings";
import { isKnownTimeZone } from "../../shared/api/timeZone";
import type { TokenRejection, TokenUser, TokenVerifier } from "../auth/verifyToken";
import { BlueJeansError, type BlueJeansApi, type DialInNumbers, type MeetingInput } from "../bluejeans";
import type { SharedStore } from "../store";
import { ApiFailure, meetingIdPreHandler, NOT_FOUND, requireBlueJeansUser } from "./bluejeansUser";
import { createOnceWith, STORE_UNAVAILABLE, type CreateAnswer, type CreateResult } from "./createOnce";
import { duplicateParams, idempotencyHeaders, meetingIdParams, meetingRequestSchema } from "./meetingSchemas";

export interface RateLimits {
  /** Requests a signed-in user may make per minute. Default 120. */
  perUserPerMinute: number;
  /** Requests without a valid token one client address may make per minute. Default 30. */
  perAddressPerMinute: number;
}

export interface MeetingsDeps {
  verify: TokenVerifier;
  bluejeans: BlueJeansApi;
  /** Idempotency records (and, with Redis, the rate-limit counters). */
  store: SharedStore;
  /** The Redis client behind `store`, when there is one: the rate limiter counts there too. */
  redis?: Redis;
  rateLimits?: Partial<RateLimits>;
  /** How long a create is remembered for its idempotency key. Default 24 h. */
  idempotencyTtlMs?: number;
  now?: () => number;
}

const DESCRIPTION = "Scheduled from Outlook with BlueJeans for Outlook.";
const CANCELLATION = "This BlueJeans meeting was removed in Outlook.";

const TOKEN_MESSAGES: Record<TokenRejection, string> = {
  missing_token: "Sign in to Microsoft 365 first.",
  malformed_token: "The sign-in token could not be read. Sign in again.",
  algorithm_not_allowed: "The sign-in token is not signed the way Microsoft 365 signs tokens.",
  tenant_not_allowed: "Your organisation is not allowed to use this BlueJeans add-in server.",
  unknown_key: "The sign-in token was signed with a key Microsoft 365 does not publish.",
  bad_signature: "The sign-in token's signature is not valid.",
  wrong_issuer: "The sign-in token was not issued by your organisation's Microsoft 365.",
  wrong_audience: "The sign-in token was meant for another app.",
  expired: "Your sign-in has expired. Sign in again.",
  not_yet_valid: "The sign-in token is not valid yet. Check this device's clock.",
  missing_scope: "The sign-in token does not allow access to the add-in's API.",
  missing_user: "The sign-in token does not name a user.",
  keys_unavailable: "Microsoft 365's signing keys could not be fetched. Try again shortly.",
  too_many_tenants:
    "The add-in's server is busy checking sign-ins from new organisations. Try again in a minute.",
};

/** Without the store the server cannot tell which meetings it made: it deletes none. */
const DUPLICATE_UNCHECKED: CreateAnswer = {
  status: 503,
  body: {
    error: "store_unavailable",
    message: "The add-in's server cannot check which meetings it made right now. Try again in a moment.",
  },
  headers: { "Retry-After": "5" },
};

/** BlueJeans' failures as answers the pane can show as they are. */
function bluejeansAnswer(error: BlueJeansError): CreateAnswer {
  const status: Record<BlueJeansError["code"], number> = {
    not_found: 404,
    rate_limited: 429,
    unavailable: 503,
    timeout: 504,
    unauthorized: 502,
    bad_response: 502,
    rejected: 422,
  };
  const retryAfter =
    error.code === "rate_limited"
      ? String(Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000)))
      : undefined;
  return {
    status: status[error.code] ?? 502,
    body: { error: `bluejeans_${error.code}`, message: error.message },
    ...(retryAfter ? { headers: { "Retry-After": retryAfter } } : {}),
  };
}

function toInput(body: MeetingRequest): MeetingInput | ApiErrorBody {
  const start = new Date(body.start);
  const end = new Date(body.end);
  if (!(end.getTime() > start.getTime())) {
    return { error: "invalid_times", message: "The meeting must end after it starts." };
  }
  if (!isKnownTimeZone(body.timeZone)) {
    return { error: "invalid_time_zone", message: `Unknown time zone: ${body.timeZone}` };
  }
  return {
    title: body.title.trim() || "BlueJeans meeting",
    description: DESCRIPTION,
    start,
    end,
    timezone: body.timeZone,
    attendees: body.attendees ?? [],
    attendeePasscode: body.options?.attendeePasscode ?? true,
    moderatorLess: body.options?.moderatorLess ?? false,
    muteOnEntry: body.options?.muteOnEntry ?? false,
    autoRecord: body.options?.autoRecord ?? false,
    ...(body.recurrence ? { recurrence: body.recurrence } : {}),
  };
}

declare module "fastify" {
  interface FastifyRequest {
    tokenUser?: TokenUser;
  }
}

function send(reply: FastifyReply, answer: CreateAnswer): FastifyReply {
  if (answer.headers) reply.headers(answer.headers);
  reply.code(answer.status);
  // Already serialized for the idempotency record: not serialized again.
  if (answer.json !== undefined) return reply.type("application/json; charset=utf-8").send(answer.json);
  return reply.send(answer.body);
}

export async function meetingsRoutes(app: FastifyInstance, deps: MeetingsDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  const bj = deps.bluejeans;
  const ttlMs = deps.idempotencyTtlMs ?? 24 * 3600_000;
  const createOnce = createOnceWith({
    store: deps.store,
    ttlMs,
    now,
    onStoreError: (error) => app.log.error({ err: error }, "idempotency record not written"),
  });
  /** Scope of one person's records: keys and meeting links never cross users. */
  const scopeOf = (user: TokenUser) => `${user.tenantId}:${user.objectId}`;

  // Dial-in numbers. The contract asks for them per meeting (getMeetingNumbers), so a read or an
  // update asks for that meeting's own, kept an hour per meeting; a failed fetch is not kept.
  const numbersByMeeting = new LRUCache<string, Promise<DialInNumbers | undefined>>({
    max: 5_000,
    ttl: 3600_000,
    perf: { now },
    ttlResolution: 0,
  });
  const dialInFor = (userId: number, meetingId: number): Promise<DialInNumbers | undefined> => {
    const key = `${userId}:${meetingId}`;
    let numbers = numbersByMeeting.get(key);
    if (!numbers) {
      numbers = bj.getDialInNumbers(userId, meetingId).catch(() => {
        numbersByMeeting.delete(key);
        return undefined;
      });
      numbersByMeeting.set(key, numbers);
    }
    return numbers;
  };
  // A create, though, should cost BlueJeans one call. The numbers can only be asked for once the
  // meeting exists (the path needs its id), so they cannot be fetched alongside the create. What
  // picks them, per the contract, is where the caller is (ip, country: the server always sends
  // the same, see the client) and the settings the meeting inherits; nothing the create sends
  // names a number. So when every number of a user's meeting says it is inherited
  // (defaultSettingsInherited), those are the numbers any new meeting of that user gets, and they
  // are reused for the user's next creates for ten minutes (an administrator's change shows
  // within that). A number set on the meeting itself (not inherited), or an empty list, is never
  // reused: the next create asks for its own meeting's numbers again.
  const inheritedNumbersByUser = new LRUCache<number, Promise<DialInNumbers | undefined>>({
    max: 5_000,
    ttl: 10 * 60_000,
    perf: { now },
    ttlResolution: 0,
  });
  const onlyInherited = (numbers: DialInNumbers | undefined): numbers is DialInNumbers =>
    numbers !== undefined && numbers.numbers.length > 0 && numbers.numbers.every((n) => n.inherited);
  const dialInForNewMeeting = async (
    userId: number,
    meetingId: number,
  ): Promise<DialInNumbers | undefined> => {
    const cached = inheritedNumbersByUser.get(userId);
    if (cached) {
      const known = await cached;
      return onlyInherited(known) ? known : dialInFor(userId, meetingId);
    }
    // Concurrent creates of the same user wait for this one rather than each asking. A failed
    // fetch or a meeting's own numbers are not kept for reuse.
    const fetching = dialInFor(userId, meetingId).then((numbers) => {
      if (!onlyInherited(numbers) && inheritedNumbersByUser.get(userId) === fetching) {
        inheritedNumbersByUser.delete(userId);
      }
      return numbers;
    });
    inheritedNumbersByUser.set(userId, fetching);
    return fetching;
  };

  const limits: RateLimits = { perUserPerMinute: 120, perAddressPerMinute: 30, ...deps.rateLimits };
  await app.register(rateLimit, {
    global: false,
    // Redis away: the limiter lets requests through; creates are still made at most once.
    skipOnError: true,
    ...(deps.redis ? { redis: deps.redis, nameSpace: "ratelimit:" } : {}),
  });
  const userLimiter = app.createRateLimit({
    max: limits.perUserPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `user:${request.tokenUser ? scopeOf(request.tokenUser) : request.ip}`,
  });
  const addressLimiter = app.createRateLimit({
    max: limits.perAddressPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `address:${request.ip}`,
  });

  const tooMany = (reply: FastifyReply, ttlInSeconds: number) =>
    send(reply, {
      status: 429,
      body: {
        error: "rate_limited",
        message: "Too many requests to the add-in's server. Wait a minute and try again.",
      },
      headers: { "Retry-After": String(Math.max(1, ttlInSeconds)) },
    });

  // JSON only: any other content type is refused with 415 before the body is read.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string", bodyLimit: app.initialConfig.bodyLimit },
    app.getDefaultJsonParser("error", "error"),
  );

  // API answers carry passcodes and personal details: never kept by a browser or a proxy.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("Cache-Control", "no-store");
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    // A client address already over its limit is not even checked.
    const before = await addressLimiter(request, { increment: false });
    if (!before.isAllowed && before.remaining === 0) return tooMany(reply, before.ttlInSeconds);
    const result = await deps.verify(request.headers.authorization, { clientAddress: request.ip });
    if (!result.ok) {
      const counted = await addressLimiter(request);
      if (!counted.isAllowed && counted.isExceeded) return tooMany(reply, counted.ttlInSeconds);
      const unavailable = result.reason === "keys_unavailable" || result.reason === "too_many_tenants";
      // The body of a refused request is not worth reading: the socket closes after the answer.
      reply.header("Connection", "close");
      if (unavailable) reply.header("Retry-After", "60");
      else reply.header("WWW-Authenticate", `Bearer error="invalid_token"`);
      return reply
        .code(unavailable ? 503 : 401)
        .send({ error: result.reason, message: TOKEN_MESSAGES[result.reason] });
    }
    request.tokenUser = result.user;
    const allowed = await userLimiter(request);
    if (!allowed.isAllowed && allowed.isExceeded) return tooMany(reply, allowed.ttlInSeconds);
  });

  const bluejeansUser = (request: FastifyRequest) => requireBlueJeansUser(bj, request);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiFailure) return reply.code(error.status).send(error.body);
    if (error instanceof BlueJeansError) {
      request.log.warn({ bluejeans: error.code, status: error.status }, "BlueJeans call failed");
      return send(reply, bluejeansAnswer(error));
    }
    // Fastify's own client errors (validation, body too large, bad JSON, content type).
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      request.log.info({ status, code: (error as { code?: unknown }).code }, "client error");
      const validation = (error as { validation?: unknown }).validation !== undefined;
      return reply.code(status).send({
        error: validation || status === 400 ? "invalid_request" : `http_${status}`,
        message: (error as Error).message,
      });
    }
    request.log.error({ err: error }, "meetings API failed");
    return reply
      .code(500)
      .send({ error: "internal", message: "Something went wrong on the add-in's server." });
  });

  /**
   * Where a create's idempotency key is kept against the meeting it made: "key numericMeetingId"
   * (keys have no spaces; a value of the key alone, as older servers wrote, still reads).
   */
  const createLink = (scope: string, meetingId: number) => `meeting:${scope}:${meetingId}`;
  const linkValue = (key: string, meeting: { numericMeetingId: string }) =>
    `${key} ${meeting.numericMeetingId}`;
  const readLink = (value: string | undefined) => {
    const [key, numericMeetingId] = (value ?? "").split(" ");
    return { key: key || undefined, numericMeetingId };
  };

  /** After a delete: the meeting's create key may make a new meeting. Best effort. */
  const forgetCreate = async (request: FastifyRequest, meetingId: number): Promise<void> => {
    const link = createLink(scopeOf(request.tokenUser!), meetingId);
    try {
      const { key } = readLink(await deps.store.get(link));
      if (key) await deps.store.delete(key);
      await deps.store.delete(link);
    } catch (error) {
      request.log.warn({ err: error }, "idempotency record not cleared after delete");
    }
  };

  /** Turns a thrown failure into an answer, for the idempotency record. */
  const answerFor = (error: unknown): CreateAnswer => {
    if (error instanceof ApiFailure) return { status: error.status, body: error.body };
    if (error instanceof BlueJeansError) return bluejeansAnswer(error);
    throw error;
  };

  app.post<{ Body: MeetingRequest; Headers: { "idempotency-key": string } }>(
    "/api/meetings",
    { schema: { body: meetingRequestSchema, headers: idempotencyHeaders } },
    async (request, reply) => {
      const user = request.tokenUser!;
      const input = toInput(request.body);
      if ("error" in input) return reply.code(400).send(input);
      const key = `create:${scopeOf(user)}:${request.headers["idempotency-key"]}`;
      const answer = await createOnce(key, request.body, async (): Promise<CreateResult> => {
        let userId: number;
        try {
          userId = await bluejeansUser(request);
        } catch (error) {
          return { answer: answerFor(error), keep: false };
        }
        let created;
        try {
          created = await bj.createMeeting(userId, input);
        } catch (error) {
          if (error instanceof BlueJeansError) {
            request.log.warn({ bluejeans: error.code, status: error.status }, "BlueJeans create failed");
          }
          // Kept when the meeting may exist: the retry gets this answer, not a second meeting.
          return { answer: answerFor(error), keep: error instanceof BlueJeansError && error.outcomeUnknown };
        }
        const numbers = await dialInForNewMeeting(userId, created.id);
        const meeting = bj.toMeetingModel(created, numbers, user.name);
        try {
          await deps.store.set(createLink(scopeOf(user), created.id), linkValue(key, created), ttlMs);
        } catch (error) {
          request.log.warn({ err: error }, "meeting link not written");
        }
        const body: MeetingResponse = { meeting };
        return { answer: { status: 201, body }, keep: true };
      });
      if (answer === STORE_UNAVAILABLE) request.log.warn("idempotency store unavailable: create refused");
      return send(reply, answer);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/meetings/:id",
    { schema: { params: meetingIdParams }, preHandler: meetingIdPreHandler },
    async (request) => {
      const meetingId = request.meetingId!;
      const userId = await bluejeansUser(request);
      const meeting = await bj.getMeeting(userId, meetingId);
      const numbers = await dialInFor(userId, meetingId);
      const body: MeetingResponse = { meeting: bj.toMeetingModel(meeting, numbers, request.tokenUser!.name) };
      return body;
    },
  );

  app.put<{ Params: { id: string }; Body: MeetingRequest }>(
    "/api/meetings/:id",
    { schema: { params: meetingIdParams, body: meetingRequestSchema }, preHandler: meetingIdPreHandler },
    async (request, reply) => {
      const meetingId = request.meetingId!;
      const input = toInput(request.body);
      if ("error" in input) return reply.code(400).send(input);
      const userId = await bluejeansUser(request);
      const updated = await bj.updateMeeting(userId, meetingId, input);
      const numbers = await dialInFor(userId, updated.id);
      const body: MeetingResponse = { meeting: bj.toMeetingModel(updated, numbers, request.tokenUser!.name) };
      return body;
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/meetings/:id",
    { schema: { params: meetingIdParams }, preHandler: meetingIdPreHandler },
    async (request, reply) => {
      const meetingId = request.meetingId!;
      const userId = await bluejeansUser(request);
      // BlueJeans answers 404 for a meeting that is not this user's: nothing is deleted or forgotten.
      if (!(await bj.deleteMeeting(userId, meetingId, CANCELLATION))) return reply.code(404).send(NOT_FOUND);
      await forgetCreate(request, meetingId);
      return reply.code(204).send();
    },
  );

  // A racing first add's meeting, by the numeric ID its join block showed: deleted only when this
  // server made it for this person (its create link names that numeric ID) with the title and
  // times of the meeting the appointment kept. The client names only IDs of blocks in the same
  // appointment's body; the checks narrow what it can end to meetings this server made for the
  // person with the same title and times (they may delete their own meetings anyway).
  // 204: none of the person's meetings has that ID (any more); 409: one has, and it is not such a
  // meeting, so it is left and the person is told.
  app.delete<{ Params: { id: string; numericMeetingId: string } }>(
    "/api/meetings/:id/duplicates/:numericMeetingId",
    { schema: { params: duplicateParams }, preHandler: meetingIdPreHandler },
    async (request, reply) => {
      const keptId = request.meetingId!;
      const userId = await bluejeansUser(request);
      const kept = await bj.getMeeting(userId, keptId);
      const scope = scopeOf(request.tokenUser!);
      const numericMeetingId = request.params.numericMeetingId;
      const found = (await bj.findMeetings(userId, numericMeetingId)).filter((m) => m.id !== keptId);
      let links: Array<string | undefined>;
      try {
        links = await Promise.all(found.map((m) => deps.store.get(createLink(scope, m.id))));
      } catch (error) {
        request.log.warn({ err: error }, "create links not readable: duplicates left");
        return send(reply, DUPLICATE_UNCHECKED);
      }
      const twins = found.filter(
        (m, i) =>
          readLink(links[i]).numericMeetingId === numericMeetingId &&
          m.title === kept.title &&
          m.start === kept.start &&
          m.end === kept.end,
      );
      for (const twin of twins) {
        if (await bj.deleteMeeting(userId, twin.id, CANCELLATION)) await forgetCreate(request, twin.id);
      }
      if (twins.length === found.length) return reply.code(204).send();
      return reply.code(409).send({
        error: "not_a_duplicate",
        message: `BlueJeans meeting ${numericMeetingId} was not made for this appointment by this add-in, so it was left as it is.`,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/meetings/:id/numbers",
    { schema: { params: meetingIdParams }, preHandler: meetingIdPreHandler },
    async (request) => {
      const meetingId = request.meetingId!;
      const userId = await bluejeansUser(request);
      return bj.getDialInNumbers(userId, meetingId);
    },
  );
}
