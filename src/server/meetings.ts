/**
 * The meetings API the task pane calls: create, read, update and delete a scheduled BlueJeans
 * meeting for the signed-in user. Every request's token is verified first; the server acts only
 * for the BlueJeans user with the token's e-mail address, and holds no state but bounded caches.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BlueJeansError, type BlueJeansApi, type DialInNumbers, type MeetingInput } from "./bluejeans";
import type { BlueJeansMeeting } from "../shared/meeting/model";
import type { TokenRejection, TokenUser, VerifyResult } from "./auth/verifyToken";

export interface MeetingsDeps {
  verify: (authorization: string | undefined) => Promise<VerifyResult>;
  bluejeans: BlueJeansApi;
  /** How long a create is remembered for its idempotency key. Default 24 h. */
  idempotencyTtlMs?: number;
  idempotencyMaxEntries?: number;
  now?: () => number;
}

/** What the pane sends to create or update a meeting. */
export interface MeetingRequest {
  title: string;
  start: string;
  end: string;
  timeZone: string;
  attendees?: string[];
  options?: {
    attendeePasscode?: boolean;
    moderatorLess?: boolean;
    muteOnEntry?: boolean;
    autoRecord?: boolean;
  };
}

export interface ApiError {
  error: string;
  message: string;
}

const meetingBody = {
  type: "object",
  additionalProperties: false,
  required: ["title", "start", "end", "timeZone"],
  properties: {
    title: { type: "string", maxLength: 255 },
    start: { type: "string", format: "date-time" },
    end: { type: "string", format: "date-time" },
    timeZone: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_+\\-/]+$" },
    attendees: { type: "array", maxItems: 500, items: { type: "string", format: "email", maxLength: 320 } },
    options: {
      type: "object",
      additionalProperties: false,
      properties: {
        attendeePasscode: { type: "boolean" },
        moderatorLess: { type: "boolean" },
        muteOnEntry: { type: "boolean" },
        autoRecord: { type: "boolean" },
      },
    },
  },
} as const;

const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", pattern: "^[0-9]{1,15}$" } },
} as const;

const idempotencyHeader = {
  type: "object",
  required: ["idempotency-key"],
  properties: { "idempotency-key": { type: "string", pattern: "^[A-Za-z0-9_-]{16,100}$" } },
} as const;

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
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: body.timeZone });
  } catch {
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
  };
}

/** A bounded, expiring map: oldest entries go first. */
function boundedCache<V>(maxEntries: number, ttlMs: number, now: () => number) {
  const entries = new Map<string, { value: V; expires: number }>();
  return {
    get(key: string): V | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key: string, value: V): void {
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, expires: now() + ttlMs });
    },
    delete(key: string): void {
      entries.delete(key);
    },
  };
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
    { schema: { body: meetingBody, headers: idempotencyHeader } },
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
      return reply.code(201).send({ meeting: await pending });
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/meetings/:id",
    { schema: { params: idParams } },
    async (request) => {
      const userId = await bluejeansUser(request);
      return { meeting: await meetingModel(userId, Number(request.params.id), request.tokenUser!.name) };
    },
  );

  app.put<{ Params: { id: string }; Body: MeetingRequest }>(
    "/api/meetings/:id",
    { schema: { params: idParams, body: meetingBody } },
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
    { schema: { params: idParams } },
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
    { schema: { params: idParams } },
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
