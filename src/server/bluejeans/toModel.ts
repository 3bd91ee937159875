/** A scheduled meeting from the API, as the join block shows it (src/shared/meeting/model.ts). */
import {
  BLUEJEANS_WEB_ORIGIN,
  DEFAULT_DIAL_IN,
  DEFAULT_ROOM_SYSTEM,
  isDigits,
  joinUrlFor,
  type BlueJeansMeeting,
  type DialInNumber,
} from "../../shared/meeting/model";
import type { DialInEntry, DialInNumbers, ScheduledMeeting } from "./types";

/** Enough for any one invitation; the "more numbers" link lists the rest. */
const MAX_DIAL_IN = 8;

function labelFor(entry: DialInEntry): string {
  const place = entry.label ?? entry.country ?? entry.countryName ?? "Dial-in";
  const where = entry.city && !place.includes(entry.city) ? `${place} (${entry.city})` : place;
  return entry.tollFree && !/toll.?free/i.test(where) ? `${where} (toll free)` : where;
}

function dialInFrom(numbers: DialInNumbers | undefined): DialInNumber[] {
  const entries = (numbers?.numbers ?? []).filter((entry) => /\d/.test(entry.number));
  if (entries.length === 0) return [...DEFAULT_DIAL_IN];
  // BlueJeans' default number first, then in BlueJeans' order; no duplicates.
  const ordered = [...entries.filter((e) => e.isDefault), ...entries.filter((e) => !e.isDefault)];
  const seen = new Set<string>();
  const out: DialInNumber[] = [];
  for (const entry of ordered) {
    const number = entry.number.trim();
    if (seen.has(number)) continue;
    seen.add(number);
    out.push({ number, label: labelFor(entry), tollFree: entry.tollFree });
    if (out.length === MAX_DIAL_IN) break;
  }
  return out;
}

function httpsUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).protocol === "https:" ? value : undefined;
  } catch {
    return undefined;
  }
}

function moderatorName(meeting: ScheduledMeeting): string | undefined {
  const moderator = meeting.moderator;
  const name = [moderator?.firstname, moderator?.lastname].filter(Boolean).join(" ").trim();
  return name || undefined;
}

export function toMeetingModel(
  meeting: ScheduledMeeting,
  numbers?: DialInNumbers,
  organizerName?: string,
): BlueJeansMeeting {
  const passcode =
    meeting.attendeePasscode && isDigits(meeting.attendeePasscode) ? meeting.attendeePasscode : undefined;
  return {
    source: "scheduled",
    numericMeetingId: meeting.numericMeetingId,
    attendeePasscode: passcode,
    joinUrl: joinUrlFor(meeting.numericMeetingId, passcode),
    organizerName: organizerName?.trim() || moderatorName(meeting),
    dialIn: dialInFrom(numbers),
    moreNumbersUrl: httpsUrl(numbers?.pstnNumbersUrl) ?? `${BLUEJEANS_WEB_ORIGIN}/numbers`,
    roomSystem: DEFAULT_ROOM_SYSTEM,
    testUrl: `${BLUEJEANS_WEB_ORIGIN}/111`,
    meetingId: meeting.id,
  };
}
