/**
 * The meeting as the join block shows it. Pure data: no Office, React or network here.
 */

/** One phone number people can dial into a meeting. */
export interface DialInNumber {
  /** As people read it, e.g. "+1.408.740.7256". */
  number: string;
  /** Where or what it is, e.g. "US" or "US (toll free)". */
  label: string;
  tollFree: boolean;
}

/** How a room system (SIP/H.323 endpoint) reaches BlueJeans. */
export interface RoomSystemDialing {
  /** Host name to dial before entering the meeting ID, e.g. "bjn.vc". */
  host: string;
  /** IP address to dial, e.g. "199.48.152.152". */
  ip: string;
  /** Domain of the SIP URI `{numericMeetingId}@{sipDomain}`. */
  sipDomain: string;
}

export type MeetingSourceKind = "personal-room" | "scheduled";

export interface BlueJeansMeeting {
  source: MeetingSourceKind;
  /** What people type or dial: digits only. */
  numericMeetingId: string;
  /** Attendee passcode, digits only; absent when the meeting has none. */
  attendeePasscode?: string;
  /** https URL that joins the meeting from a browser or the app. */
  joinUrl: string;
  /** Display name of the organiser, shown in the block; untrusted text. */
  organizerName?: string;
  dialIn: DialInNumber[];
  /** Page that lists every dial-in number. */
  moreNumbersUrl: string;
  roomSystem: RoomSystemDialing;
  /** Link to BlueJeans' test meeting. */
  testUrl: string;
  /** BlueJeans' internal meeting id (scheduled meetings only), used for update and delete. */
  meetingId?: number;
}

export const BLUEJEANS_WEB_ORIGIN = "https://bluejeans.com";

export const DEFAULT_DIAL_IN: readonly DialInNumber[] = [
  { number: "+1.408.740.7256", label: "US", tollFree: false },
  { number: "+1.888.240.2560", label: "US (toll free)", tollFree: true },
];

export const DEFAULT_ROOM_SYSTEM: RoomSystemDialing = {
  host: "bjn.vc",
  ip: "199.48.152.152",
  sipDomain: "bjn.vc",
};

const DIGITS = /^[0-9]+$/;

/** Meeting IDs and passcodes are digit strings; anything else is refused before it reaches a URL. */
export function isDigits(value: string, minLength = 1, maxLength = 20): boolean {
  return DIGITS.test(value) && value.length >= minLength && value.length <= maxLength;
}

/** `https://bluejeans.com/{id}[/{passcode}]?src=calendarLink`, the form calendar invitations use. */
export function joinUrlFor(numericMeetingId: string, attendeePasscode?: string): string {
  if (!isDigits(numericMeetingId) || (attendeePasscode !== undefined && !isDigits(attendeePasscode))) {
    throw new Error("Meeting IDs and passcodes are digits only.");
  }
  const path = attendeePasscode ? `${numericMeetingId}/${attendeePasscode}` : numericMeetingId;
  return `${BLUEJEANS_WEB_ORIGIN}/${path}?src=calendarLink`;
}

/** The meeting for a person's personal room, with BlueJeans' published dial-in defaults. */
export function personalRoomMeeting(input: {
  numericMeetingId: string;
  attendeePasscode?: string;
  organizerName?: string;
}): BlueJeansMeeting {
  const passcode = input.attendeePasscode ? input.attendeePasscode : undefined;
  return {
    source: "personal-room",
    numericMeetingId: input.numericMeetingId,
    attendeePasscode: passcode,
    joinUrl: joinUrlFor(input.numericMeetingId, passcode),
    organizerName: input.organizerName,
    dialIn: [...DEFAULT_DIAL_IN],
    moreNumbersUrl: `${BLUEJEANS_WEB_ORIGIN}/numbers`,
    roomSystem: DEFAULT_ROOM_SYSTEM,
    testUrl: `${BLUEJEANS_WEB_ORIGIN}/111`,
  };
}
