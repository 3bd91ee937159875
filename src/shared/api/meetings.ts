/**
 * The meetings API between the task pane and the add-in's server: what the pane sends and what
 * the server answers. Types only, so importing it (with `import type`) adds nothing to a bundle.
 *
 *   POST   /api/meetings              MeetingRequest + `Idempotency-Key` → 201 MeetingResponse
 *   GET    /api/meetings/{meetingId}                                     → 200 MeetingResponse
 *   PUT    /api/meetings/{meetingId}  MeetingRequest                     → 200 MeetingResponse
 *   DELETE /api/meetings/{meetingId}                                     → 204
 *   DELETE /api/meetings/{meetingId}/duplicates/{numericMeetingId}       → 204, or 404 if none
 *     (the meetings this server made for the same person, title and times as meetingId, with
 *     that numeric ID: what a racing first add left behind; see appointment/raceSettling.ts)
 *
 * Every failure answers an ApiErrorBody whose message can be shown to the person as it is.
 */
import type { BlueJeansMeeting } from "../meeting/model";

/** The meeting options the pane offers; each defaults on the server when left out. */
export interface MeetingOptionsRequest {
  /** Ask BlueJeans for an attendee passcode. Default true. */
  attendeePasscode?: boolean;
  /** Let the meeting start without a moderator. Default false. */
  moderatorLess?: boolean;
  /** Mute people as they join. Default false. */
  muteOnEntry?: boolean;
  /** Record automatically. Default false. */
  autoRecord?: boolean;
}

/** What the pane sends to create or update a meeting. */
export interface MeetingRequest {
  /** Up to 255 characters; empty becomes "BlueJeans meeting". */
  title: string;
  /** ISO 8601 date-time with an offset, e.g. "2026-12-01T10:00:00.000Z". */
  start: string;
  end: string;
  /** IANA time zone the appointment is shown in, e.g. "Europe/Berlin". */
  timeZone: string;
  /** E-mail addresses, at most 500. */
  attendees?: string[];
  options?: MeetingOptionsRequest;
  /** For a series: BlueJeans' recurrencePattern as the server passes it on. */
  recurrence?: RecurrenceRequest;
}

/** BlueJeans' Meeting.recurrencePattern, the fields the add-in sets (daily, weekly, monthly only). */
export interface RecurrenceRequest {
  recurrenceType: "DAILY" | "WEEKLY" | "MONTHLY";
  /** Every n days, weeks or months, 1 to 99. */
  frequency: number;
  /** Sunday 1, Monday 2, Tuesday 4, Wednesday 8, Thursday 16, Friday 32, Saturday 64. */
  daysOfWeekMask?: number;
  dayOfMonth?: number;
  weekOfMonth?: "FIRST" | "SECOND" | "THIRD" | "FOURTH" | "LAST";
  /** End of the series (epoch ms); absent: no end. */
  endDate?: number;
}

/** The header that makes a create repeatable: the same key returns the same meeting. */
export type IdempotencyKeyHeader = "idempotency-key";

/** What a create, read or update answers. */
export interface MeetingResponse {
  meeting: BlueJeansMeeting;
}

export interface ApiErrorBody {
  /**
   * A stable code: the token's rejection (`missing_token`, `expired`, …), `invalid_request`,
   * `invalid_times`, `invalid_time_zone`, `not_found`, `no_bluejeans_account`,
   * `idempotency_key_reused`, `create_in_progress`, `create_outcome_unknown`, `rate_limited`,
   * `store_unavailable`, `internal`, or `bluejeans_…` for BlueJeans' own failures.
   */
  error: string;
  message: string;
}
