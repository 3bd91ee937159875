/**
 * A new BlueJeans meeting per appointment, created through the add-in's own server (which holds
 * the BlueJeans secret). What the server answers is checked before any of it reaches the body.
 */
import type { MeetingRequest } from "../../shared/api/meetings";
import { isDigits, type BlueJeansMeeting, type DialInNumber } from "../../shared/meeting/model";
import { AddinError, SIGN_IN_NEEDED } from "../host/errors";
import { SIGN_IN_MESSAGE } from "../host/notify";
import { fetchWithTimeout } from "./apiFetch";
import { readAppointmentDetails } from "./appointmentDetails";
import type { AppointmentDetails, MeetingSource, StoredMeeting } from "./meetingSource";

export interface ScheduledMeetingOptions {
  attendeePasscode: boolean;
  moderatorLess: boolean;
  muteOnEntry: boolean;
  autoRecord: boolean;
}

export interface ScheduledSourceDeps {
  /** Origin of the add-in's server; "" for the page's own. */
  apiBase: string;
  /** A token for the add-in's API; rejects with an error the consent flow can classify. */
  getToken(): Promise<string>;
  /** The same key for every create of one appointment, so a repeat returns the same meeting. */
  idempotencyKey(): Promise<string>;
  options: ScheduledMeetingOptions;
  /** IANA zone the times are shown in, e.g. "Europe/Berlin". */
  timeZone: string;
  fetch?: typeof fetch;
  /** How long one request may take; API_TIMEOUT_MS unless set. */
  timeoutMs?: number;
}

/**
 * Marks failures of getting a token, so the pane can hand them to the consent remedies. Its words
 * are for code without a pane (the command, the event runtime); the pane says its own (noticeFor).
 */
export class SignInNeededError extends AddinError {
  constructor(override readonly cause: unknown) {
    super("Sign-in to Microsoft 365 is needed.", SIGN_IN_MESSAGE, SIGN_IN_NEEDED);
  }
}

const httpsUrl = (value: unknown): value is string =>
  typeof value === "string" && /^https:\/\/[^\s"<>]+$/.test(value);
const text = (value: unknown, max = 200): value is string => typeof value === "string" && value.length <= max;

/** Accepts only a well-formed meeting; anything else is a server fault, not content for the body. */
export function parseMeetingResponse(raw: unknown): BlueJeansMeeting | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const m = (raw as { meeting?: unknown }).meeting as Record<string, unknown> | undefined;
  if (typeof m !== "object" || m === null) return undefined;
  const room = m.roomSystem as Record<string, unknown> | undefined;
  const dialIn = Array.isArray(m.dialIn) ? m.dialIn : undefined;
  if (
    m.source !== "scheduled" ||
    typeof m.numericMeetingId !== "string" ||
    !isDigits(m.numericMeetingId) ||
    (m.attendeePasscode !== undefined &&
      (typeof m.attendeePasscode !== "string" || !isDigits(m.attendeePasscode))) ||
    !httpsUrl(m.joinUrl) ||
    !httpsUrl(m.moreNumbersUrl) ||
    !httpsUrl(m.testUrl) ||
    typeof m.meetingId !== "number" ||
    !room ||
    !text(room.host) ||
    !text(room.ip) ||
    !text(room.sipDomain) ||
    !dialIn ||
    (m.organizerName !== undefined && !text(m.organizerName))
  ) {
    return undefined;
  }
  const numbers: DialInNumber[] = [];
  for (const entry of dialIn as Array<Record<string, unknown>>) {
    if (!text(entry?.number, 40) || !text(entry?.label, 100) || typeof entry?.tollFree !== "boolean")
      return undefined;
    numbers.push({ number: entry.number, label: entry.label, tollFree: entry.tollFree });
  }
  return {
    source: "scheduled",
    numericMeetingId: m.numericMeetingId,
    ...(m.attendeePasscode ? { attendeePasscode: m.attendeePasscode as string } : {}),
    joinUrl: m.joinUrl,
    ...(typeof m.organizerName === "string" ? { organizerName: m.organizerName } : {}),
    dialIn: numbers,
    moreNumbersUrl: m.moreNumbersUrl,
    roomSystem: { host: room.host, ip: room.ip, sipDomain: room.sipDomain },
    testUrl: m.testUrl,
    meetingId: m.meetingId,
  };
}

export function scheduledMeetingSource(deps: ScheduledSourceDeps): MeetingSource {
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  /** `key`: a create's idempotency key, asked for only once there is a token (it is stored on the item). */
  async function request(method: string, path: string, body?: object, key?: () => Promise<string>) {
    let token: string;
    try {
      token = await deps.getToken();
    } catch (error) {
      throw new SignInNeededError(error);
    }
    const headers: Record<string, string> = key ? { "idempotency-key": await key() } : {};
    const result = await fetchWithTimeout(
      doFetch,
      `${deps.apiBase}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body: body ? JSON.stringify(body) : undefined,
      },
      deps.timeoutMs,
    );
    if (!result.ok) {
      throw new AddinError(
        result.message,
        "Check your connection and try again, or use your personal room.",
        "api.network",
      );
    }
    return result.response;
  }

  async function failure(response: Response): Promise<AddinError> {
    let message = "";
    try {
      const body = (await response.json()) as { message?: unknown };
      if (typeof body.message === "string") message = body.message.slice(0, 300);
    } catch {
      // Not JSON: the status says enough.
    }
    if (response.status === 401) {
      return new SignInNeededError(new Error(message || "401 from the add-in's server"));
    }
    return new AddinError(
      message || `The BlueJeans add-in's server answered ${response.status}.`,
      response.status >= 500 || response.status === 429
        ? "Try again in a moment, or use your personal room."
        : "Check the appointment's details and try again.",
      `api.${response.status}`,
    );
  }

  async function meetingFrom(response: Response): Promise<BlueJeansMeeting> {
    if (!response.ok) throw await failure(response);
    const meeting = parseMeetingResponse(await response.json().catch(() => undefined));
    if (!meeting) {
      throw new AddinError(
        "The BlueJeans add-in's server sent meeting details that could not be used.",
        "Try again. If it keeps happening, tell your admin.",
        "api.bad_response",
      );
    }
    return meeting;
  }

  const payload = (details: AppointmentDetails | undefined): MeetingRequest => {
    if (!details) throw new Error("no appointment details"); // readDetails always gives them
    return {
      title: details.subject.slice(0, 255),
      start: details.start.toISOString(),
      end: details.end.toISOString(),
      timeZone: deps.timeZone,
      attendees: details.attendees.map((a) => a.emailAddress).filter((e) => /^[^\s@]+@[^\s@]+$/.test(e)),
      // Only for a series: the server takes BlueJeans' pattern as it is.
      ...(details.recurrence ? { recurrence: details.recurrence } : {}),
      // Exactly the four options: the server refuses anything else.
      options: {
        attendeePasscode: deps.options.attendeePasscode,
        moderatorLess: deps.options.moderatorLess,
        muteOnEntry: deps.options.muteOnEntry,
        autoRecord: deps.options.autoRecord,
      },
    };
  };

  const meetingPath = (stored: StoredMeeting) => {
    if (stored.meetingId === undefined) {
      throw new AddinError(
        "This appointment's BlueJeans meeting cannot be found.",
        "Remove the BlueJeans meeting and add a new one.",
        "api.no_meeting_id",
      );
    }
    return `/api/meetings/${encodeURIComponent(String(stored.meetingId))}`;
  };

  /** Already gone at BlueJeans (404) is what removing wants. */
  const removeAt = async (path: string) => {
    const response = await request("DELETE", path);
    if (!response.ok && response.status !== 404) throw await failure(response);
  };

  return {
    kind: "scheduled",
    readDetails: readAppointmentDetails,
    create: async (details) => {
      const body = payload(details);
      return meetingFrom(await request("POST", "/api/meetings", body, deps.idempotencyKey));
    },
    update: async (stored, details) =>
      meetingFrom(await request("PUT", meetingPath(stored), payload(details))),
    remove: (stored) => removeAt(meetingPath(stored)),
    removeDuplicate: (kept, numericMeetingId) =>
      removeAt(`${meetingPath(kept)}/duplicates/${encodeURIComponent(numericMeetingId)}`),
  };
}
