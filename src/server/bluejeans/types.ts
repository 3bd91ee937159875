/**
 * The BlueJeans client's public shapes: what callers pass in and what they get back. Wire formats
 * stay inside parse.ts and client.ts.
 */
import type { BlueJeansMeeting } from "../../shared/meeting/model";
import type { RecurrenceRequest } from "../../shared/api/meetings";
import type { FetchLike } from "./http";

/** A log event. Never carries the client secret or an access token (they are redacted). */
export type BlueJeansLogEvent = { event: string } & Record<string, unknown>;

export interface BlueJeansClientOptions {
  /** e.g. "https://api.bluejeans.com" or the emulator's URL; a path prefix is allowed. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  enterpriseId: string | number;
  /** Per attempt, including reading the body. Default 10 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** No retry starts once this much time has passed since the first attempt. Default 20 000. */
  maxRetryTimeMs?: number;
  /**
   * How requests are sent; global fetch fits. Default: undici over keep-alive connections, one
   * pool per origin, closed by the client's close().
   */
  fetch?: FetchLike;
  /** Clock in epoch ms (token expiry, retry budget, Retry-After dates). Default Date.now. */
  now?: () => number;
  /** How to wait between retries. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for backoff jitter. Default Math.random. */
  random?: () => number;
  log?: (event: BlueJeansLogEvent) => void;
  /** Country sent to the dial-in numbers call when the caller gives none. Default "US". */
  dialInCountry?: string;
  /** How long a user lookup is remembered. Default 10 minutes (1 minute for "no such user"). */
  userCacheTtlMs?: number;
  /** How many user lookups are remembered. Default 500. */
  userCacheSize?: number;
}

export interface MeetingInput {
  title: string;
  description?: string;
  start: Date;
  end: Date;
  /** IANA time zone name, e.g. "Europe/Berlin". */
  timezone: string;
  /** Email addresses. */
  attendees?: string[];
  /** Ask BlueJeans to generate an attendee passcode. Default false. */
  attendeePasscode?: boolean;
  /** Let the meeting start without a moderator. Default false. */
  moderatorLess?: boolean;
  /** Mute people as they join. Default false. */
  muteOnEntry?: boolean;
  /** Record automatically. Default false. */
  autoRecord?: boolean;
  /** A series: BlueJeans' recurrencePattern (no endDate: the series has no end). */
  recurrence?: RecurrenceRequest;
}

export interface MeetingOptions {
  moderatorLess?: boolean;
  muteParticipantsOnEntry?: boolean;
  autoRecord?: boolean;
  disallowChat?: boolean;
  showAllAttendeesInMeetingInvite?: boolean;
  encryptionType?: string;
}

/** A scheduled meeting as BlueJeans returned it, read tolerantly. */
export interface ScheduledMeeting {
  /** Internal id: the one update and delete take. */
  id: number;
  uuid?: string;
  title: string;
  description?: string;
  /** Epoch ms. */
  start?: number;
  end?: number;
  timezone?: string;
  /** What people type or dial: digits. */
  numericMeetingId: string;
  /** Digits; undefined when the meeting has none. */
  attendeePasscode?: string;
  addAttendeePasscode?: boolean;
  moderator?: { id?: number; username?: string; firstname?: string; lastname?: string };
  attendees: string[];
  isPersonalMeeting: boolean;
  /** `deleted` in real answers, `delete` in the 2023 spec. */
  deleted: boolean;
  /** `sequenceNumber` in real answers, `seqeuenceNumber` in the 2023 spec. */
  sequenceNumber?: number;
  advancedMeetingOptions: MeetingOptions;
}

export interface DialInEntry {
  number: string;
  tollFree: boolean;
  premium: boolean;
  /** Two-letter code, e.g. "US". */
  country?: string;
  countryName?: string;
  city?: string;
  label?: string;
  isDefault: boolean;
  /**
   * BlueJeans says the number comes from the settings the meeting inherits (the user's or the
   * enterprise's), not from this meeting (the contract's `defaultSettingsInherited`; absent: no).
   */
  inherited: boolean;
}

export interface DialInNumbers {
  pstnNumbersUrl?: string;
  useAttendeePasscode?: boolean;
  numbers: DialInEntry[];
}

export interface PersonalMeeting {
  numericMeetingId: string;
  attendeePasscode?: string;
  moderator?: { firstname?: string; lastname?: string };
}

/** Where the person is, for choosing local dial-in numbers (the 2023 contract requires both). */
export interface DialInLocation {
  ip?: string;
  country?: string;
}

export interface BlueJeansApi {
  /** The enterprise user with exactly this email, or undefined. Remembered for a while. */
  findUserByEmail(email: string): Promise<{ id: number } | undefined>;
  createMeeting(userId: number, input: MeetingInput): Promise<ScheduledMeeting>;
  /** Throws not_found when the meeting does not exist or was deleted. */
  getMeeting(userId: number, meetingId: number): Promise<ScheduledMeeting>;
  /** The user's upcoming meetings with this numeric meeting ID (listMeetings), deleted ones left out. */
  findMeetings(userId: number, numericMeetingId: string): Promise<ScheduledMeeting[]>;
  /** Replaces the meeting's schedule and options (PUT with the full body). */
  updateMeeting(userId: number, meetingId: number, input: MeetingInput): Promise<ScheduledMeeting>;
  /** Cancels without BlueJeans emailing anyone; a meeting already gone counts as done. */
  /** True when the meeting was this user's and is now deleted; false when BlueJeans has no such meeting of theirs. */
  deleteMeeting(userId: number, meetingId: number, cancellationMessage?: string): Promise<boolean>;
  getDialInNumbers(userId: number, meetingId: number, where?: DialInLocation): Promise<DialInNumbers>;
  getPersonalMeeting(userId: number): Promise<PersonalMeeting>;
  toMeetingModel(
    meeting: ScheduledMeeting,
    numbers?: DialInNumbers,
    organizerName?: string,
  ): BlueJeansMeeting;
  /** Closes the connections to BlueJeans (the server calls it when it closes). */
  close(): Promise<void>;
}
