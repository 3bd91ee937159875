/**
 * Reading BlueJeans' answers tolerantly: unknown fields are ignored, numbers may come as strings,
 * booleans as "true"/"false", and some fields are spelled differently from the 2023 spec
 * (`deleted`/`delete`, `sequenceNumber`/`seqeuenceNumber`, `users`/`user`). What the add-in cannot
 * do without (a meeting's id and numeric meeting id, a token) makes the answer unreadable.
 */
import type { DialInEntry, DialInNumbers, MeetingOptions, PersonalMeeting, ScheduledMeeting } from "./types";

/** An answer that lacks what the add-in needs. */
export class ParseError extends Error {
  override readonly name = "ParseError";
}

type Json = Record<string, unknown>;

export function asRecord(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A positive whole number that fits in a double exactly: BlueJeans' ids. */
export function asId(value: unknown): number | undefined {
  const number = asNumber(value);
  return number !== undefined && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A non-empty trimmed string, or undefined. */
export function asText(value: unknown): string | undefined {
  const text = asString(value)?.trim();
  return text ? text : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === 1 || value === "1") return true;
  if (value === "false" || value === 0 || value === "0") return false;
  return undefined;
}

/** JSON or undefined; empty bodies are undefined. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ParseError("the body is not valid JSON");
  }
}

/**
 * The server's own words from an error body: `{message}`, `{code, message}`, `{error,
 * error_description}`, or the start of a non-JSON body. The caller redacts it.
 */
export function serverMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    const plain = trimmed
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return plain ? plain.slice(0, 200) : undefined;
  }
  const record = asRecord(json);
  if (!record) return trimmed.slice(0, 200);
  const parts = [
    asText(record.code),
    asText(record.message) ?? asText(record.error_description) ?? asText(record.error),
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(": ").slice(0, 200) : undefined;
}

const DIGITS = /^\d+$/;

function digits(value: unknown): string | undefined {
  const text = asText(value);
  return text !== undefined && DIGITS.test(text) ? text : undefined;
}

export interface TokenGrant {
  accessToken: string;
  /** Seconds; undefined when the answer did not say. */
  expiresIn?: number;
}

export function parseToken(json: unknown): TokenGrant {
  const record = asRecord(json);
  const accessToken = asText(record?.access_token);
  if (!accessToken) throw new ParseError("the token answer has no access_token");
  const expiresIn = asNumber(record?.expires_in);
  return { accessToken, expiresIn: expiresIn !== undefined && expiresIn > 0 ? expiresIn : undefined };
}

export interface FoundUser {
  id: number;
  email?: string;
}

/** `{count, user: [...]}` (spec) or `{count, users: [{id, uri}]}` (what real clients read). */
export function parseUserSearch(json: unknown): FoundUser[] {
  const record = asRecord(json);
  if (!record) throw new ParseError("the user search answer is not an object");
  const list = Array.isArray(record.users) ? record.users : Array.isArray(record.user) ? record.user : [];
  const found: FoundUser[] = [];
  for (const item of list) {
    const user = asRecord(item);
    const id = asId(user?.id);
    if (id === undefined) continue;
    const email = asText(user?.email) ?? asText(user?.emailId);
    found.push(email === undefined ? { id } : { id, email });
  }
  return found;
}

function parseOptions(value: unknown): MeetingOptions {
  const record = asRecord(value) ?? {};
  const options: MeetingOptions = {};
  const flags = [
    "moderatorLess",
    "muteParticipantsOnEntry",
    "autoRecord",
    "disallowChat",
    "showAllAttendeesInMeetingInvite",
  ] as const;
  for (const flag of flags) {
    const parsed = asBoolean(record[flag]);
    if (parsed !== undefined) options[flag] = parsed;
  }
  const encryption = asText(record.encryptionType);
  if (encryption) options.encryptionType = encryption;
  return options;
}

function parseModerator(value: unknown): ScheduledMeeting["moderator"] {
  const record = asRecord(value);
  if (!record) return undefined;
  const moderator: NonNullable<ScheduledMeeting["moderator"]> = {};
  const id = asId(record.id);
  if (id !== undefined) moderator.id = id;
  for (const key of ["username", "firstname", "lastname"] as const) {
    const text = asText(record[key]);
    if (text !== undefined) moderator[key] = text;
  }
  return moderator;
}

/** listMeetings' answer: an array of Meeting objects, each read as parseMeeting reads one. */
export function parseMeetingList(json: unknown): ScheduledMeeting[] {
  if (!Array.isArray(json)) throw new ParseError("the meeting list is not an array");
  return json.map(parseMeeting);
}

/** A Meeting object (create, get and update answers). */
export function parseMeeting(json: unknown): ScheduledMeeting {
  const record = asRecord(json);
  if (!record) throw new ParseError("the meeting answer is not an object");
  const id = asId(record.id);
  if (id === undefined) throw new ParseError("the meeting has no id");
  const numericMeetingId = digits(record.numericMeetingId);
  if (numericMeetingId === undefined) throw new ParseError("the meeting has no numeric meeting ID");
  const rawPasscode = asText(record.attendeePasscode);
  if (rawPasscode !== undefined && !DIGITS.test(rawPasscode)) {
    throw new ParseError("the attendee passcode is not digits");
  }
  const attendees = (Array.isArray(record.attendees) ? record.attendees : [])
    .map((item) => asText(asRecord(item)?.email) ?? asText(item))
    .filter((email): email is string => email !== undefined);
  const start = asNumber(record.start);
  const end = asNumber(record.end);
  return {
    id,
    uuid: asText(record.uuid),
    title: asString(record.title) ?? "",
    description: asString(record.description),
    start,
    end,
    timezone: asText(record.timezone),
    numericMeetingId,
    attendeePasscode: rawPasscode,
    addAttendeePasscode: asBoolean(record.addAttendeePasscode),
    moderator: parseModerator(record.moderator),
    attendees,
    isPersonalMeeting: asBoolean(record.isPersonalMeeting) ?? false,
    deleted: asBoolean(record.deleted) ?? asBoolean(record.delete) ?? false,
    sequenceNumber: asNumber(record.sequenceNumber) ?? asNumber(record.seqeuenceNumber),
    advancedMeetingOptions: parseOptions(record.advancedMeetingOptions),
  };
}

function parseNumber(item: unknown): DialInEntry | undefined {
  const record = asRecord(item);
  const number = asText(record?.number);
  if (!record || !number) return undefined;
  const label = asRecord(record.label);
  return {
    number,
    tollFree: asBoolean(record.tollfree) ?? asBoolean(record.tollFree) ?? false,
    premium: asBoolean(record.premium) ?? false,
    country: asText(record.country),
    countryName: asText(record.countryName),
    city: asText(record.city),
    label: asText(label?.default) ?? asText(record.label),
    isDefault: asBoolean(record.default) ?? false,
    inherited: asBoolean(record.defaultSettingsInherited) ?? false,
  };
}

/** The numbers answer; numbers without a number are skipped. */
export function parseNumbers(json: unknown): DialInNumbers {
  const record = asRecord(json);
  if (!record) throw new ParseError("the dial-in numbers answer is not an object");
  const numbers = (Array.isArray(record.numbers) ? record.numbers : [])
    .map(parseNumber)
    .filter((entry): entry is DialInEntry => entry !== undefined);
  return {
    pstnNumbersUrl: asText(record.pstnNumbersUrl),
    useAttendeePasscode: asBoolean(record.useAttendeePasscode),
    numbers,
  };
}

export function parsePersonalMeeting(json: unknown): PersonalMeeting {
  const record = asRecord(json);
  if (!record) throw new ParseError("the personal meeting answer is not an object");
  const numericMeetingId = digits(record.numericMeetingId);
  if (numericMeetingId === undefined) throw new ParseError("the personal meeting has no numeric meeting ID");
  const passcode = asText(record.attendeePasscode);
  if (passcode !== undefined && !DIGITS.test(passcode))
    throw new ParseError("the attendee passcode is not digits");
  const moderator = parseModerator(record.moderator);
  return {
    numericMeetingId,
    attendeePasscode: passcode,
    moderator: moderator ? { firstname: moderator.firstname, lastname: moderator.lastname } : undefined,
  };
}
