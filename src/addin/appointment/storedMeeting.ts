/**
 * The meeting's identity as stored on the appointment (custom properties). Kept apart from the
 * flow so the pane can read it on open without loading the join-block core.
 */
import type { BlueJeansMeeting } from "../../shared/meeting/model";
import type { AppointmentPort } from "../host/ports";
import type { StoredMeeting } from "../sources/meetingSource";

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
  };
}

export async function readStoredMeeting(item: AppointmentPort): Promise<StoredMeeting | undefined> {
  const props = await item.loadCustomProperties();
  return parseStoredMeeting(props.get(MEETING_PROPERTY));
}

export function storedFor(meeting: BlueJeansMeeting, addedToLocation: boolean): StoredMeeting {
  return {
    v: 1,
    source: meeting.source,
    numericMeetingId: meeting.numericMeetingId,
    joinUrl: meeting.joinUrl,
    ...(meeting.meetingId !== undefined ? { meetingId: meeting.meetingId } : {}),
    addedToLocation,
  };
}
