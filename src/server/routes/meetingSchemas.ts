/**
 * JSON schemas of the meetings API, checked by Fastify before a handler runs. Their property
 * names are checked against the shared contract (src/shared/api/meetings.ts) at compile time,
 * so a field added there and not here (or the reverse) fails the type check.
 */
import type { MeetingOptionsRequest, MeetingRequest, RecurrenceRequest } from "../../shared/api/meetings";

type Required<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

const optionProperties = {
  attendeePasscode: { type: "boolean" },
  moderatorLess: { type: "boolean" },
  muteOnEntry: { type: "boolean" },
  autoRecord: { type: "boolean" },
} as const satisfies Record<keyof MeetingOptionsRequest, object>;

const recurrenceProperties = {
  recurrenceType: { type: "string", enum: ["DAILY", "WEEKLY", "MONTHLY"] },
  frequency: { type: "integer", minimum: 1, maximum: 99 },
  daysOfWeekMask: { type: "integer", minimum: 1, maximum: 127 },
  dayOfMonth: { type: "integer", minimum: 1, maximum: 31 },
  weekOfMonth: { type: "string", enum: ["FIRST", "SECOND", "THIRD", "FOURTH", "LAST"] },
  endDate: { type: "integer", minimum: 0 },
} as const satisfies Record<keyof RecurrenceRequest, object>;

const requestProperties = {
  title: { type: "string", maxLength: 255 },
  start: { type: "string", format: "date-time" },
  end: { type: "string", format: "date-time" },
  timeZone: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_+\\-/]+$" },
  attendees: { type: "array", maxItems: 500, items: { type: "string", format: "email", maxLength: 320 } },
  options: { type: "object", additionalProperties: false, properties: optionProperties },
  recurrence: {
    type: "object",
    additionalProperties: false,
    required: ["recurrenceType", "frequency"],
    properties: recurrenceProperties,
  },
} as const satisfies Record<keyof MeetingRequest, object>;

const requestRequired = [
  "title",
  "start",
  "end",
  "timeZone",
] as const satisfies readonly Required<MeetingRequest>[];
// Every required field of the contract is listed (the reverse of the line above).
const _allRequired: readonly (typeof requestRequired)[number][] = [] as Required<MeetingRequest>[];

export const meetingRequestSchema = {
  type: "object",
  additionalProperties: false,
  required: requestRequired,
  properties: requestProperties,
} as const;

export const meetingIdParams = {
  type: "object",
  required: ["id"],
  // Checked by meetingIdPreHandler: an id that cannot be a meeting answers 404, like someone else's.
  properties: { id: { type: "string", maxLength: 20 } },
} as const;

export const idempotencyHeaders = {
  type: "object",
  required: ["idempotency-key"],
  properties: { "idempotency-key": { type: "string", pattern: "^[A-Za-z0-9_-]{16,100}$" } },
} as const;

export const duplicateParams = {
  type: "object",
  required: ["id", "numericMeetingId"],
  properties: {
    id: { type: "string", maxLength: 20 },
    numericMeetingId: { type: "string", pattern: "^[0-9]{4,20}$" },
  },
} as const;
