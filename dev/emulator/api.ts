/**
 * The subset of the BlueJeans Meetings API the add-in uses, in memory. Errors are `{message}`;
 * 401 for a missing, unknown or expired token, 403 for a user or enterprise outside the token's
 * enterprise, 404 for what does not exist, 400 for bad input.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DEFAULT_OPTIONS, renderMeeting, renderNumbers, renderPersonalMeeting, renderUsers } from "./render";
import type { SeedUser } from "./seed";
import type { EmulatorState, MeetingRecord, RecurrencePatternRecord, TokenRecord } from "./state";

type Json = Record<string, unknown>;

class BadRequest extends Error {}

const OPTION_FLAGS = [
  "videoBestFit",
  "publishMeeting",
  "moderatorLess",
  "allowStream",
  "autoRecord",
  "disallowChat",
  "muteParticipantsOnEntry",
  "showAllAttendeesInMeetingInvite",
];
const ENCRYPTION = ["NO_ENCRYPTION", "ENCRYPTED_ONLY", "ENCRYPTED_OR_PSTN_ONLY"];

function fail(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ message });
}

function record(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match?.[1]) return match[1];
  // Older clients put the token in the query string.
  const query = record(request.query);
  return typeof query?.access_token === "string" ? query.access_token : undefined;
}

function idParam(value: unknown, name: string): number {
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value))
    throw new BadRequest(`${name} must be an integer`);
  return Number(value);
}

function boolQuery(query: Json, name: string): boolean | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new BadRequest(`${name} must be true or false`);
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface MeetingFields {
  title: string;
  description?: string;
  start: number;
  end: number;
  timezone?: string;
  endPointType: string;
  endPointVersion: string;
  attendees?: string[];
  addAttendeePasscode?: boolean;
  isLargeMeeting?: boolean;
  options?: Record<string, boolean | string>;
  /** undefined: not given (a PUT keeps the series); null: no series. */
  recurrence?: RecurrencePatternRecord | null;
}

const RECURRENCE_TYPES = ["DAILY", "WEEKLY", "MONTHLY"] as const;
const WEEKS_OF_MONTH = ["NONE", "FIRST", "SECOND", "THIRD", "FOURTH", "LAST"];
const MONTHS = [
  "NONE",
  "JANUARY",
  "FEBRUARY",
  "MARCH",
  "APRIL",
  "MAY",
  "JUNE",
  "JULY",
  "AUGUST",
  "SEPTEMBER",
  "OCTOBER",
  "NOVEMBER",
  "DECEMBER",
];

/**
 * Meeting.recurrencePattern as the contract describes it: DAILY, WEEKLY or MONTHLY, a frequency,
 * a days-of-week mask (Sunday 1 … Saturday 64), a day or week of the month, and an end by
 * endDate (epoch ms) or recurrenceCount, or none (an endless series).
 */
function recurrenceFields(raw: unknown, start: number): RecurrencePatternRecord | null {
  if (raw === null) return null;
  const given = record(raw);
  if (!given) throw new BadRequest("recurrencePattern must be an object");
  const int = (name: string, min: number, max: number): number | undefined => {
    const value = given[name];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new BadRequest(`recurrencePattern.${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  const oneOf = (name: string, allowed: readonly string[]): string | undefined => {
    const value = given[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !allowed.includes(value)) {
      throw new BadRequest(`recurrencePattern.${name} must be one of ${allowed.join(", ")}`);
    }
    return value;
  };
  const type = oneOf("recurrenceType", RECURRENCE_TYPES);
  if (type === undefined) throw new BadRequest("recurrencePattern.recurrenceType is required");
  const pattern: RecurrencePatternRecord = {
    recurrenceType: type as RecurrencePatternRecord["recurrenceType"],
    frequency: int("frequency", 1, 999) ?? 1,
    daysOfWeekMask: int("daysOfWeekMask", 0, 127) ?? 0,
    dayOfMonth: int("dayOfMonth", 0, 31) ?? 0,
    weekOfMonth: oneOf("weekOfMonth", WEEKS_OF_MONTH) ?? "NONE",
    monthOfYear: oneOf("monthOfYear", MONTHS) ?? "NONE",
    endDate: int("endDate", 0, Number.MAX_SAFE_INTEGER) ?? 0,
    recurrenceCount: int("recurrenceCount", 0, 10_000) ?? 0,
  };
  if (pattern.endDate !== 0 && pattern.recurrenceCount !== 0) {
    throw new BadRequest("recurrencePattern takes endDate or recurrenceCount, not both");
  }
  if (pattern.endDate !== 0 && pattern.endDate < start) {
    throw new BadRequest("recurrencePattern.endDate must not be before the meeting's start");
  }
  if (pattern.recurrenceType === "WEEKLY" && pattern.daysOfWeekMask === 0) {
    throw new BadRequest("a WEEKLY recurrencePattern needs daysOfWeekMask");
  }
  if (pattern.recurrenceType === "MONTHLY") {
    const byWeek = pattern.weekOfMonth !== "NONE";
    if (byWeek && pattern.daysOfWeekMask === 0) {
      throw new BadRequest("a MONTHLY recurrencePattern with weekOfMonth needs daysOfWeekMask");
    }
    if (!byWeek && pattern.dayOfMonth === 0) {
      throw new BadRequest("a MONTHLY recurrencePattern needs dayOfMonth or weekOfMonth");
    }
  }
  return pattern;
}

/** Checks a meeting body; `timezone` is required for a create (scheduleMeetingMinComp), not a PUT. */
function meetingFields(body: unknown, timezoneRequired: boolean): MeetingFields {
  const input = record(body);
  if (!input) throw new BadRequest("The request body must be a JSON object");
  const string = (name: string, required: boolean): string | undefined => {
    const value = input[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string") throw new BadRequest(`${name} is required and must be a string`);
    return value;
  };
  const epoch = (name: string): number => {
    const value = input[name];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new BadRequest(`${name} is required and must be epoch milliseconds (an integer)`);
    }
    return value;
  };
  const flag = (value: unknown, name: string): boolean | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw new BadRequest(`${name} must be a boolean`);
    return value;
  };

  const title = string("title", true) ?? "";
  if (title.trim() === "") throw new BadRequest("title must not be empty");
  const start = epoch("start");
  const end = epoch("end");
  if (end <= start) throw new BadRequest("end must be after start");
  const timezone = string("timezone", timezoneRequired);
  if (timezone !== undefined && !validZone(timezone)) throw new BadRequest(`Unknown timezone ${timezone}`);

  let attendees: string[] | undefined;
  if (input.attendees !== undefined) {
    if (!Array.isArray(input.attendees)) throw new BadRequest("attendees must be an array");
    attendees = input.attendees.map((item) => {
      const email = record(item)?.email;
      if (typeof email !== "string" || !email.includes("@")) {
        throw new BadRequest("each attendee must be an object with an email");
      }
      return email;
    });
  }

  let options: Record<string, boolean | string> | undefined;
  if (input.advancedMeetingOptions !== undefined) {
    const given = record(input.advancedMeetingOptions);
    if (!given) throw new BadRequest("advancedMeetingOptions must be an object");
    options = { ...DEFAULT_OPTIONS };
    for (const name of OPTION_FLAGS) {
      const value = flag(given[name], `advancedMeetingOptions.${name}`);
      if (value !== undefined) options[name] = value;
    }
    if (given.encryptionType !== undefined) {
      if (typeof given.encryptionType !== "string" || !ENCRYPTION.includes(given.encryptionType)) {
        throw new BadRequest(`advancedMeetingOptions.encryptionType must be one of ${ENCRYPTION.join(", ")}`);
      }
      options.encryptionType = given.encryptionType;
    }
  }

  return {
    title,
    description: string("description", false),
    start,
    end,
    timezone,
    endPointType: string("endPointType", true) ?? "",
    endPointVersion: string("endPointVersion", true) ?? "",
    attendees,
    addAttendeePasscode: flag(input.addAttendeePasscode, "addAttendeePasscode"),
    isLargeMeeting: flag(input.isLargeMeeting, "isLargeMeeting"),
    options,
    ...(input.recurrencePattern !== undefined
      ? { recurrence: recurrenceFields(input.recurrencePattern, start) }
      : {}),
  };
}

export function registerApi(app: FastifyInstance, state: EmulatorState): void {
  const { seed } = state;

  /** The token's record, or undefined after answering 401. */
  function authenticate(request: FastifyRequest, reply: FastifyReply): TokenRecord | undefined {
    const token = bearer(request);
    if (!token) {
      fail(reply, 401, "Missing access token");
      return undefined;
    }
    const found = state.token(token);
    if (!found) {
      fail(reply, 401, "Invalid or expired access token");
      return undefined;
    }
    return found;
  }

  /** The path's user, in the token's enterprise; undefined after answering. */
  function scopedUser(request: FastifyRequest, reply: FastifyReply): SeedUser | undefined {
    const token = authenticate(request, reply);
    if (!token) return undefined;
    const userId = idParam(record(request.params)?.user_id, "user_id");
    const user = state.user(userId);
    if (!user) {
      fail(reply, 404, `User ${userId} not found`);
      return undefined;
    }
    if (state.enterpriseOf(user) !== token.enterpriseId) {
      fail(reply, 403, "The access token is not authorized for this user");
      return undefined;
    }
    return user;
  }

  function ownMeeting(
    request: FastifyRequest,
    reply: FastifyReply,
    user: SeedUser,
  ): MeetingRecord | undefined {
    const meetingId = idParam(record(request.params)?.meeting_id, "meeting_id");
    const meeting = state.meetings.get(meetingId);
    if (!meeting || meeting.ownerId !== user.id || meeting.deleted) {
      fail(reply, 404, `Meeting ${meetingId} not found`);
      return undefined;
    }
    return meeting;
  }

  const render = (meeting: MeetingRecord) =>
    renderMeeting(meeting, state.user(meeting.ownerId), seed.quirks, state.now());

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof BadRequest) return fail(reply, 400, error.message);
    const status =
      typeof error === "object" &&
      error !== null &&
      "statusCode" in error &&
      typeof error.statusCode === "number"
        ? error.statusCode
        : 500;
    const message = error instanceof Error ? error.message : "Internal error";
    return fail(reply, status >= 400 && status <= 599 ? status : 500, message);
  });
  app.setNotFoundHandler((request, reply) =>
    fail(reply, 404, `No route for ${request.method} ${request.url}`),
  );

  app.post("/oauth2/token", async (request, reply) => {
    const body = record(request.body);
    if (!body || typeof body.grant_type !== "string") throw new BadRequest("grant_type is required");
    if (body.grant_type !== "client_credentials") {
      throw new BadRequest(`This emulator only supports grant_type client_credentials`);
    }
    if (typeof body.client_id !== "string" || typeof body.client_secret !== "string") {
      throw new BadRequest("client_id and client_secret are required");
    }
    if (body.client_id !== seed.clientId || body.client_secret !== seed.clientSecret) {
      return fail(reply, 401, "Invalid client credentials");
    }
    return {
      access_token: state.issueToken(),
      expires_in: seed.tokenTtlSeconds,
      scope: { enterprise: seed.enterpriseId, partitionName: "z1", partition: { id: 1, name: "z1" } },
    };
  });

  app.get("/v1/enterprise/:enterpriseId/users", async (request, reply) => {
    const token = authenticate(request, reply);
    if (!token) return reply;
    const enterpriseId = idParam(record(request.params)?.enterpriseId, "enterpriseId");
    if (enterpriseId !== token.enterpriseId) {
      return fail(reply, 403, "The access token is not authorized for this enterprise");
    }
    const query = record(request.query) ?? {};
    const members = seed.users.filter((user) => state.enterpriseOf(user) === enterpriseId);
    let found: SeedUser[];
    if (typeof query.emailId === "string") {
      const wanted = query.emailId.trim().toLowerCase();
      found = members.filter((user) => user.email.toLowerCase() === wanted);
    } else if (typeof query.textSearch === "string") {
      const text = query.textSearch.toLowerCase();
      found = members.filter((user) =>
        [user.email, user.username, user.firstName, user.lastName].some((f) =>
          f.toLowerCase().includes(text),
        ),
      );
    } else {
      found = members;
    }
    const pageSize = query.pageSize === undefined ? 50 : idParam(query.pageSize, "pageSize");
    const pageNumber = query.pageNumber === undefined ? 1 : idParam(query.pageNumber, "pageNumber");
    const page = found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    const fields = typeof query.fields === "string" ? query.fields.split(",").map((f) => f.trim()) : [];
    return renderUsers(page, found.length, seed.quirks, (user) => user.isEnterpriseAdmin ?? false, fields);
  });

  app.get("/v1/user/:user_id/personal_meeting", async (request, reply) => {
    const user = scopedUser(request, reply);
    if (!user) return reply;
    return renderPersonalMeeting(user, state.now());
  });

  app.post("/v1/user/:user_id/scheduled_meeting", async (request, reply) => {
    const user = scopedUser(request, reply);
    if (!user) return reply;
    const query = record(request.query) ?? {};
    boolQuery(query, "email");
    const personal = boolQuery(query, "personal_meeting") ?? false;
    const fields = meetingFields(request.body, true);
    const now = state.now();
    const addPasscode = personal ? user.personalPasscode !== "" : (fields.addAttendeePasscode ?? false);
    const meeting: MeetingRecord = {
      id: state.takeMeetingId(),
      uuid: state.newUuid(),
      ownerId: user.id,
      title: fields.title,
      description: fields.description ?? "",
      start: fields.start,
      end: fields.end,
      timezone: fields.timezone ?? "America/New_York",
      numericMeetingId: personal ? user.personalMeetingId : state.newNumericMeetingId(),
      attendeePasscode: personal ? user.personalPasscode : addPasscode ? state.newPasscode() : "",
      moderatorPasscode: state.newPasscode(),
      addAttendeePasscode: addPasscode,
      attendees: fields.attendees ?? [],
      options: fields.options ?? { ...DEFAULT_OPTIONS },
      isPersonalMeeting: personal,
      isLargeMeeting: fields.isLargeMeeting ?? false,
      endPointType: fields.endPointType,
      endPointVersion: fields.endPointVersion,
      deleted: false,
      sequenceNumber: 0,
      icsUid: `${state.newUuid()}@bluejeans.emulator`,
      created: now,
      lastModified: now,
      recurrence: fields.recurrence ?? null,
    };
    state.meetings.set(meeting.id, meeting);
    return reply.code(201).send(render(meeting));
  });

  // listMeetings: the user's upcoming meetings (not ended, not deleted), optionally only those
  // with one numericMeetingId.
  app.get("/v1/user/:user_id/scheduled_meeting", async (request, reply) => {
    const user = scopedUser(request, reply);
    if (!user) return reply;
    const wanted = record(request.query)?.numericMeetingId;
    if (wanted !== undefined && (typeof wanted !== "string" || !/^\d+$/.test(wanted))) {
      throw new BadRequest("numericMeetingId must be digits");
    }
    const now = state.now();
    return [...state.meetings.values()]
      .filter((m) => m.ownerId === user.id && !m.deleted && m.end > now)
      .filter((m) => wanted === undefined || m.numericMeetingId === wanted)
      .map(render);
  });

  app.get("/v1/user/:user_id/scheduled_meeting/:meeting_id", async (request, reply) => {
    const user = scopedUser(request, reply);
    if (!user) return reply;
    const meeting = ownMeeting(request, reply, user);
    if (!meeting) return reply;
    return render(meeting);
  });

  app.put("/v1/user/:user_id/scheduled_meeting/:meeting_id", async (request, reply) => {
    const user = scopedUser(request, reply);
    if (!user) return reply;
    const meeting = ownMeeting(request, reply, user);
    if (!meeting) return reply;
    const fields = meetingFields(request.body, false);
    meeting.title = fields.title;
    meeting.description = fields.description ?? "";
    meeting.start = fields.start;
    meeting.end = fields.end;
    if (fields.timezone !== undefined) meeting.timezone = fields.timezone;
    meeting.endPointType = fields.endPointType;
    meeting.endPointVersion = fields.endPointVersion;
    meeting.attendees = fields.attendees ?? [];
    if (fields.options) meeting.options = fields.options;
    if (fields.isLargeMeeting !== undefined) meeting.isLargeMeeting = fields.isLargeMeeting;
    if (fields.recurrence !== undefined) meeting.recurrence = fields.recurrence;
    if (fields.addAttendeePasscode !== undefined && !meeting.isPersonalMeeting) {
      meeting.addAttendeePasscode = fields.addAttendeePasscode;
      if (!fields.addAttendeePasscode) meeting.attendeePasscode = "";
      else if (meeting.attendeePasscode === "") meeting.attendeePasscode = state.newPasscode();
    }
    meeting.sequenceNumber += 1;
    meeting.lastModified = state.now();
    return render(meeting);
  });

  app.delete("/v1/user/:user_id/scheduled_meeting/:meeting_id", async (request, reply) => {
    const user = scopedUser(request, reply);
    if (!user) return reply;
    const meeting = ownMeeting(request, reply, user);
    if (!meeting) return reply;
    const query = record(request.query) ?? {};
    boolQuery(query, "email");
    if (query.cancellationMessage !== undefined && typeof query.cancellationMessage !== "string") {
      throw new BadRequest("cancellationMessage must be a string");
    }
    meeting.deleted = true;
    meeting.lastModified = state.now();
    return reply.code(200).send();
  });

  app.get("/v1/user/:user_id/meetings/:meeting_id/numbers", async (request, reply) => {
    const user = scopedUser(request, reply);
    if (!user) return reply;
    const meeting = ownMeeting(request, reply, user);
    if (!meeting) return reply;
    const query = record(request.query) ?? {};
    // The 2023 contract makes both required.
    if (typeof query.ip !== "string" || typeof query.country !== "string") {
      throw new BadRequest("ip and country are required query parameters");
    }
    boolQuery(query, "allowGeoLocation");
    const all = boolQuery(query, "all") ?? false;
    const country = query.country.trim().toLowerCase();
    const local = seed.dialIn.filter(
      (n) => n.country.toLowerCase() === country || n.countryName.toLowerCase() === country,
    );
    const fallback = seed.dialIn.filter((n) => n.country === "US");
    const chosen = all
      ? [...local, ...seed.dialIn.filter((n) => !local.includes(n))]
      : local.length
        ? local
        : fallback;
    return renderNumbers(meeting, chosen, (n) => seed.dialIn.indexOf(n));
  });
}
