/**
 * The meeting's identity as stored on the appointment (custom properties). Kept apart from the
 * flow so the pane can read it on open without loading the join-block core.
 */
import type { BlueJeansMeeting } from "../../shared/meeting/model";
import type { AppointmentPort } from "../host/ports";
import type { AppointmentDetails, StoredMeeting, SyncedDetails } from "../sources/meetingSource";
import { recurrenceKey } from "../sources/recurrenceKey";

export const MEETING_PROPERTY = "bluejeansMeeting";

/** Reads the stored meeting; a damaged value counts as none, never as a crash. */
export function parseStoredMeeting(raw: unknown): StoredMeeting | undefined {
  if (typeof raw !== "string") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const sourceOk = v.source === "personal-room" || v.source === "scheduled";
  if (v.v !== 1 || !sourceOk || typeof v.numericMeetingId !== "string" || typeof v.joinUrl !== "string") {
    return undefined;
  }
  // The value lives on a shared item: never trust it to be a safe link.
  if (!/^[0-9]+$/.test(v.numericMeetingId) || !v.joinUrl.startsWith("https://")) return undefined;
  return {
    v: 1,
    source: v.source as StoredMeeting["source"],
    numericMeetingId: v.numericMeetingId,
    joinUrl: v.joinUrl,
    meetingId: typeof v.meetingId === "number" ? v.meetingId : undefined,
    addedToLocation: v.addedToLocation === true,
    ...(parseSynced(v.synced) ? { synced: parseSynced(v.synced) } : {}),
  };
}

function parseSynced(raw: unknown): SyncedDetails | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  const fields = [s.start, s.end, s.people, s.recurrence];
  if (!fields.every((f) => typeof f === "string" && f.length <= 200)) return undefined;
  return {
    start: s.start as string,
    end: s.end as string,
    people: s.people as string,
    recurrence: s.recurrence as string,
  };
}

/** A short, stable hash (FNV-1a, hex) so the stored record stays small. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The compact record of what BlueJeans is told for these details. */
export function syncedFor(details: AppointmentDetails): SyncedDetails {
  const people = details.attendees.map((a) => a.emailAddress.toLowerCase()).sort();
  return {
    start: details.start.toISOString(),
    end: details.end.toISOString(),
    people: hash(`${details.subject}\n${people.join(",")}`),
    recurrence: recurrenceKey(details.recurrence),
  };
}

/** True when BlueJeans has other times, people or series than the appointment now. */
export function isBehind(stored: StoredMeeting, details: AppointmentDetails): boolean {
  if (stored.source !== "scheduled") return false;
  const now = syncedFor(details);
  const was = stored.synced;
  return (
    !was ||
    was.start !== now.start ||
    was.end !== now.end ||
    was.people !== now.people ||
    was.recurrence !== now.recurrence
  );
}

export async function readStoredMeeting(item: AppointmentPort): Promise<StoredMeeting | undefined> {
  const props = await item.loadCustomProperties();
  return parseStoredMeeting(props.get(MEETING_PROPERTY));
}

export function storedFor(
  meeting: BlueJeansMeeting,
  addedToLocation: boolean,
  details?: AppointmentDetails,
): StoredMeeting {
  return {
    v: 1,
    source: meeting.source,
    numericMeetingId: meeting.numericMeetingId,
    joinUrl: meeting.joinUrl,
    ...(meeting.meetingId !== undefined ? { meetingId: meeting.meetingId } : {}),
    addedToLocation,
    ...(details && meeting.source === "scheduled" ? { synced: syncedFor(details) } : {}),
  };
}

/**
 * The key that makes creating this appointment's meeting happen once at BlueJeans, however many
 * ask (the pane, an event handler, a repeat): stored on the appointment the first time, read by
 * everyone after. Removing the meeting removes the key, so a new add is a new meeting.
 */
export const CREATE_KEY_PROPERTY = "bluejeansCreateKey";

const KEY_PATTERN = /^[0-9a-f]{32}$/;

/** A random key (no crypto.randomUUID in every runtime the handlers run in). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function idempotencyKeyFor(item: AppointmentPort): Promise<string> {
  const props = await item.loadCustomProperties();
  const existing = props.get(CREATE_KEY_PROPERTY);
  if (typeof existing === "string" && KEY_PATTERN.test(existing)) return existing;
  const key = newIdempotencyKey();
  props.set(CREATE_KEY_PROPERTY, key);
  await props.save();
  // Two runtimes asking at once each save their own key, and the last save stays: read it back,
  // so both send that one and BlueJeans makes one meeting. A key saved after this read still
  // loses; addMeeting then ends the extra meeting.
  const stored = (await item.loadCustomProperties()).get(CREATE_KEY_PROPERTY);
  return typeof stored === "string" && KEY_PATTERN.test(stored) ? stored : key;
}

/** A racing add's extra meeting could not be ended: the appointment is right, BlueJeans has one too many. */
export const EXTRA_MEETING = "meeting.extraNotDeleted";
