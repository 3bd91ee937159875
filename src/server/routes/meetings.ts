/**
 * The meetings API the task pane calls: create, read, update and delete a scheduled BlueJeans
 * meeting for the signed-in user. Every request's token is verified first; the server acts only
 * for the BlueJeans user with the token's e-mail address, and holds no state but bounded caches.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";
import type { ApiErrorBody, MeetingRequest, MeetingResponse } from "../../shared/api/meetings";
import { isKnownTimeZone } from "../../shared/api/timeZone";
import type { BlueJeansMeeting } from "../../shared/meeting/model";
import type { TokenRejection, TokenUser, VerifyResult } from "../auth/verifyToken";
import { BlueJeansError, type BlueJeansApi, type DialInNumbers, type MeetingInput } from "../bluejeans";
import { idempotencyHeaders, meetingIdParams, meetingRequestSchema } from "./meetingSchemas";

export interface MeetingsDeps {
  verify: (authorization: string | undefined) => Promise<VerifyResult>;
  bluejeans: BlueJeansApi;
  /** How long a create is remembered for its idempotency key. Default 24 h. */
  idempotencyTtlMs?: number;
  idempotencyMaxEntries?: number;
  now?: () => number;
}

type ApiError = ApiErrorBody;

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
};

/** BlueJeans' failures as statuses and messages the pane can show as they are. */
function bluejeansFailure(error: BlueJeansError): { status: number; body: ApiError } {
  const status: Record<BlueJeansError["code"], number> = {
    not_found: 404,
    rate_limited: 429,
    unavailable: 503,
    timeout: 504,
    unauthorized: 502,
    bad_response: 502,
    rejected: 422,
  };
  return {
    status: status[error.code] ?? 502,
    body: { error: `bluejeans_${error.code}`, message: error.message },
  };
}

function toInput(body: MeetingRequest, description: string): MeetingInput | ApiError {
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
    description,
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

/** A bounded, expiring map: least recently used entries go first. */
function boundedCache<V extends NonNullable<unknown>>(
  max: number,
  ttl: number,
  now: () => number,
): LRUCache<string, V> {
  return new LRUCache<string, V>({ max, ttl, perf: { now } });
}

declare module "fastify" {
  interface FastifyRequest {
    tokenUser?: TokenUser;
  }
}

export async function meetingsRoutes(app: FastifyInstance, deps: MeetingsDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  // A create that is repeated (double click, retry after a lost answer) gets the same meeting.
  const creates = boundedCache<Promise<BlueJeansMeeting>>(
    deps.idempotencyMaxEntries ?? 10_000,
    deps.idempotencyTtlMs ?? 24 * 3600_000,
    now,
  );
  // A deleted meeting must not come back for a repeated key.
  const keyOfMeeting = boundedCache<string>(
    deps.idempotencyMaxEntries ?? 10_000,
    deps.idempotencyTtlMs ?? 24 * 3600_000,
    now,
  );
  const bj = deps.bluejeans;
  // A user's dial-in numbers are the same for each of their meetings: fetched once an hour, so a
  // create costs BlueJeans one call, not two. A failed fetch is not kept.
  const numbersByUser = boundedCache<Promise<DialInNumbers | undefined>>(5_000, 3600_000, now);
  const dialInFor = (userId: number, meetingId: number): Promise<DialInNumbers | undefined> => {
    const key = String(userId);
    let numbers = numbersByUser.get(key);
    if (!numbers) {
      numbers = bj.getDialInNumbers(userId, meetingId).catch(() => {
        numbersByUser.delete(key);
        return undefined;
      });
      numbersByUser.set(key, numbers);
    }
    return numbers;
  };

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await deps.verify(request.headers.authorization);
    if (!result.ok) {
      const status = result.reason === "keys_unavailable" ? 503 : 401;
      if (status === 401) reply.header("WWW-Authenticate", `Bearer error="invalid_token"`);
      return reply.code(status).send({ error: result.reason, message: TOKEN_MESSAGES[result.reason] });
    }
    request.tokenUser = result.user;
  });

  async function bluejeansUser(request: FastifyRequest): Promise<number> {
    const email = request.tokenUser!.email;
    const found = await bj.findUserByEmail(email);
    if (!found) {
      throw new ApiFailure(403, {
        error: "no_bluejeans_account",
        message: `No BlueJeans account in your company uses ${email}. Ask your BlueJeans admin to add you.`,
      });
    }
    return found.id;
  }

  async function meetingModel(
    userId: number,
    meetingId: number,
    organizer: string,
  ): Promise<BlueJeansMeeting> {
    const meeting = await bj.getMeeting(userId, meetingId);
    const numbers = await dialInFor(userId, meetingId);
    return bj.toMeetingModel(meeting, numbers, organizer);
  }

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiFailure) return reply.code(error.status).send(error.body);
    if (error instanceof BlueJeansError) {
      const failure = bluejeansFailure(error);
      request.log.warn({ bluejeans: error.code, status: error.status }, "BlueJeans call failed");
      return reply.code(failure.status).send(failure.body);
    }
    const validation = (error as { validation?: unknown }).validation;
    if (validation) {
      return reply.code(400).send({ error: "invalid_request", message: (error as Error).message });
    }
    request.log.error({ err: error }, "meetings API failed");
    return reply
      .code(500)
      .send({ error: "internal", message: "Something went wrong on the add-in's server." });
  });

  app.post<{ Body: MeetingRequest; Headers: { "idempotency-key": string } }>(
    "/api/meetings",
    { schema: { body: meetingRequestSchema, headers: idempotencyHeaders } },
    async (request, reply) => {
      const user = request.tokenUser!;
      const key = `${user.tenantId}:${user.objectId}:${request.headers["idempotency-key"]}`;
      let pending = creates.get(key);
      if (!pending) {
        const input = toInput(request.body, "Scheduled from Outlook with BlueJeans for Outlook.");
        if ("error" in input) return reply.code(400).send(input);
        pending = (async () => {
          const userId = await bluejeansUser(request);
          const created = await bj.createMeeting(userId, input);
          const numbers = await dialInFor(userId, created.id);
          return bj.toMeetingModel(created, numbers, user.name);
        })();
        creates.set(key, pending);
        // A failed create may be tried again with the same key.
        pending.then(
          (meeting) => meeting.meetingId !== undefined && keyOfMeeting.set(String(meeting.meetingId), key),
          () => creates.delete(key),
        );
      }
      const answer: MeetingResponse = { meeting: await pending };
      return reply.code(201).send(answer);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/meetings/:id",
    { schema: { params: meetingIdParams } },
    async (request) => {
      const userId = await bluejeansUser(request);
      return { meeting: await meetingModel(userId, Number(request.params.id), request.tokenUser!.name) };
    },
  );

  app.put<{ Params: { id: string }; Body: MeetingRequest }>(
    "/api/meetings/:id",
    { schema: { params: meetingIdParams, body: meetingRequestSchema } },
    async (request, reply) => {
      const input = toInput(request.body, "Scheduled from Outlook with BlueJeans for Outlook.");
      if ("error" in input) return reply.code(400).send(input);
      const userId = await bluejeansUser(request);
      const updated = await bj.updateMeeting(userId, Number(request.params.id), input);
      const numbers = await dialInFor(userId, updated.id);
      return { meeting: bj.toMeetingModel(updated, numbers, request.tokenUser!.name) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/meetings/:id",
    { schema: { params: meetingIdParams } },
    async (request, reply) => {
      const userId = await bluejeansUser(request);
      await bj.deleteMeeting(
        userId,
        Number(request.params.id),
        "This BlueJeans meeting was removed in Outlook.",
      );
      const key = keyOfMeeting.get(request.params.id);
      if (key) creates.delete(key);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/meetings/:id/numbers",
    { schema: { params: meetingIdParams } },
    async (request) => {
      const userId = await bluejeansUser(request);
      return bj.getDialInNumbers(userId, Number(request.params.id));
    },
  );
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}
