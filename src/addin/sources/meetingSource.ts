/**
 * Where a meeting comes from. The insert flow only knows this interface, so a personal room,
 * a scheduled meeting created through BlueJeans' API, or anything later plugs in unchanged.
 */
import type { BlueJeansMeeting, MeetingSourceKind } from "../../shared/meeting/model";
import type { AppointmentPort, Attendee } from "../host/ports";
import type { RecurrencePattern } from "./recurrence";

/** What is stored on the appointment (custom properties) to find the meeting again. */
export interface StoredMeeting {
  v: 1;
  source: MeetingSourceKind;
  numericMeetingId: string;
  joinUrl: string;
  /** BlueJeans' internal id, for scheduled meetings. */
  meetingId?: number;
  /** True when we put the join URL into the location, so removing takes out only our part. */
  addedToLocation: boolean;
  /** What BlueJeans was last told (scheduled meetings), to see whether it is behind the appointment. */
  synced?: SyncedDetails;
}

/** The appointment's details as BlueJeans last got them, in a compact form. */
export interface SyncedDetails {
  start: string;
  end: string;
  /** A key of the attendees' addresses and the subject. */
  people: string;
  /** A key of the series' pattern; "" for a single appointment. */
  recurrence: string;
}

export interface AppointmentDetails {
  subject: string;
  start: Date;
  end: Date;
  attendees: Attendee[];
  /** BlueJeans' pattern for a series; absent for a single appointment. */
  recurrence?: RecurrencePattern;
}

export interface MeetingSource {
  readonly kind: MeetingSourceKind;
  /**
   * Reads what create and update need of the appointment (subject, times, attendees, series);
   * absent when they need nothing of it.
   */
  readDetails?(item: AppointmentPort): Promise<AppointmentDetails>;
  create(details: AppointmentDetails | undefined): Promise<BlueJeansMeeting>;
  /** Brings the meeting in step with the appointment and returns it as it is now. */
  update(stored: StoredMeeting, details: AppointmentDetails | undefined): Promise<BlueJeansMeeting>;
  /** Ends the meeting at its source; the body is only touched once this succeeded. */
  remove(stored: StoredMeeting): Promise<void>;
  /**
   * Ends the meeting a racing first add made for this appointment, known by the numeric ID its
   * block showed, beside `kept`; done too when there is none (any more). Absent where nothing
   * races to make meetings (the personal room).
   */
  removeDuplicate?(kept: StoredMeeting, numericMeetingId: string): Promise<void>;
  /** The meeting ID every meeting of this source has (the personal room's), when it is always one. */
  readonly fixedMeetingId?: string;
}

/** Finds the source that made a stored meeting. */
export type MeetingSources = (kind: MeetingSourceKind) => MeetingSource | undefined;
