/**
 * The person's settings, kept in Outlook's roaming settings. Parsed defensively: what is stored
 * may come from an older version or be damaged, and must never crash the pane.
 */
import { isDigits } from "../../shared/meeting/model";
import type { SettingsPort } from "../host/ports";

export const SETTINGS_KEY = "bluejeans.settings";

export interface PersonalRoomSettings {
  personalMeetingId: string;
  attendeePasscode?: string;
}

/** What "Add BlueJeans meeting" makes, and the options of new meetings. */
export interface MeetingDefaults {
  source: "scheduled" | "personal-room";
  attendeePasscode: boolean;
  moderatorLess: boolean;
  muteOnEntry: boolean;
  autoRecord: boolean;
}

/** Until the person chooses, the personal room when one is set up (see the pane). */
export const DEFAULT_MEETING_DEFAULTS: MeetingDefaults = {
  source: "personal-room",
  attendeePasscode: true,
  moderatorLess: false,
  muteOnEntry: false,
  autoRecord: false,
};

export interface Settings {
  personalRoom?: PersonalRoomSettings;
  meetingDefaults?: MeetingDefaults;
  /** "Add a BlueJeans meeting to every meeting I organise" (off unless set). */
  autoAdd?: boolean;
}

function parseMeetingDefaults(raw: unknown): MeetingDefaults | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const flags = ["attendeePasscode", "moderatorLess", "muteOnEntry", "autoRecord"] as const;
  if (r.source !== "scheduled" && r.source !== "personal-room") return undefined;
  if (!flags.every((f) => typeof r[f] === "boolean")) return undefined;
  return {
    source: r.source,
    attendeePasscode: r.attendeePasscode as boolean,
    moderatorLess: r.moderatorLess as boolean,
    muteOnEntry: r.muteOnEntry as boolean,
    autoRecord: r.autoRecord as boolean,
  };
}

export type SettingsField = "personalMeetingId" | "attendeePasscode";

export type FieldErrors = Partial<Record<SettingsField, string>>;

/**
 * "damaged": stored settings this version cannot read; "newer": settings a later version of the
 * add-in wrote, which must be left as they are. Reading never writes: only the person replaces them.
 */
export type SettingsProblem = "damaged" | "newer";

/** What is wrong with damaged settings; settingsProblem puts it in words. */
export type SettingsDamage =
  "notObject" | "version" | "defaults" | "autoAdd" | "room" | "roomTypes" | "roomValues" | "unreadable";

export type LoadedSettings =
  | { ok: true; settings: Settings }
  | { ok: false; settings: Settings; kind: SettingsProblem; why?: SettingsDamage };

/** The words for each kind of damage, only where they are shown (the pane). */
const DAMAGE_WORDS: Record<SettingsDamage, string> = {
  notObject: "not a settings object",
  version: "unknown version",
  defaults: "meeting options are invalid",
  autoAdd: "the automatic-meeting switch is invalid",
  room: "personal room is not an object",
  roomTypes: "personal room fields have the wrong type",
  roomValues: "personal room values are invalid",
  unreadable: "unreadable",
};

/**
 * What the pane tells the person about settings it could not use. Kept out of parseSettings, so
 * the command and the event script, which never show it, do not carry it.
 */
export function settingsProblem(loaded: { kind: SettingsProblem; why?: SettingsDamage }): string {
  return loaded.kind === "newer"
    ? "Your BlueJeans settings were saved by a newer version of the add-in and are left as they are."
    : `Your saved BlueJeans settings could not be read (${DAMAGE_WORDS[loaded.why ?? "unreadable"]}). Enter them again.`;
}

const MEETING_ID_LENGTH = { min: 6, max: 15 };
const PASSCODE_LENGTH = { min: 4, max: 12 };

/**
 * The room without the spaces (and, in the ID, dashes) people type, when its values are valid;
 * undefined when not. Reading stored settings needs only this, not the form's messages.
 */
function normalRoom(input: { personalMeetingId: string; attendeePasscode: string }) {
  const id = input.personalMeetingId.replace(/[\s-]/g, "");
  const passcode = input.attendeePasscode.replace(/\s/g, "");
  const valid =
    isDigits(id, MEETING_ID_LENGTH.min, MEETING_ID_LENGTH.max) &&
    (passcode === "" || isDigits(passcode, PASSCODE_LENGTH.min, PASSCODE_LENGTH.max));
  const value: PersonalRoomSettings = passcode
    ? { personalMeetingId: id, attendeePasscode: passcode }
    : { personalMeetingId: id };
  return { id, passcode, value: valid ? value : undefined };
}

/** Checks what the person typed; returns the settings or a message per bad field. */
export function validatePersonalRoom(input: {
  personalMeetingId: string;
  attendeePasscode: string;
}): { ok: true; value: PersonalRoomSettings } | { ok: false; errors: FieldErrors } {
  const { id, passcode, value } = normalRoom(input);
  if (value) return { ok: true, value };
  const errors: FieldErrors = {};
  if (id === "") errors.personalMeetingId = "Enter your personal meeting ID.";
  else if (!/^[0-9]+$/.test(id)) errors.personalMeetingId = "Use digits only (0-9), as shown in BlueJeans.";
  else if (!isDigits(id, MEETING_ID_LENGTH.min, MEETING_ID_LENGTH.max)) {
    errors.personalMeetingId = `A meeting ID has ${MEETING_ID_LENGTH.min} to ${MEETING_ID_LENGTH.max} digits.`;
  }
  if (passcode !== "" && !/^[0-9]+$/.test(passcode)) errors.attendeePasscode = "Use digits only (0-9).";
  else if (passcode !== "" && !isDigits(passcode, PASSCODE_LENGTH.min, PASSCODE_LENGTH.max)) {
    errors.attendeePasscode = `A passcode has ${PASSCODE_LENGTH.min} to ${PASSCODE_LENGTH.max} digits.`;
  }
  return { ok: false, errors };
}

/** Reads stored settings; anything unreadable is reported and treated as not configured. */
export function parseSettings(raw: unknown): LoadedSettings {
  if (raw === undefined || raw === null) return { ok: true, settings: {} };
  const damaged = (why: SettingsDamage): LoadedSettings => ({
    ok: false,
    settings: {},
    kind: "damaged",
    why,
  });
  if (typeof raw !== "object" || Array.isArray(raw)) return damaged("notObject");
  const record = raw as Record<string, unknown>;
  if (typeof record.version === "number" && Number.isInteger(record.version) && record.version > 1) {
    return { ok: false, settings: {}, kind: "newer" };
  }
  if (record.version !== 1) return damaged("version");
  let meetingDefaults: MeetingDefaults | undefined;
  if (record.meetingDefaults !== undefined) {
    meetingDefaults = parseMeetingDefaults(record.meetingDefaults);
    if (!meetingDefaults) return damaged("defaults");
  }
  if (record.autoAdd !== undefined && typeof record.autoAdd !== "boolean") {
    return damaged("autoAdd");
  }
  const withDefaults = {
    ...(meetingDefaults ? { meetingDefaults } : {}),
    ...(record.autoAdd === true ? { autoAdd: true } : {}),
  };
  const room = record.personalRoom;
  if (room === undefined) return { ok: true, settings: withDefaults };
  if (typeof room !== "object" || room === null) return damaged("room");
  const { personalMeetingId, attendeePasscode } = room as Record<string, unknown>;
  if (
    typeof personalMeetingId !== "string" ||
    (attendeePasscode !== undefined && typeof attendeePasscode !== "string")
  ) {
    return damaged("roomTypes");
  }
  const checked = normalRoom({ personalMeetingId, attendeePasscode: attendeePasscode ?? "" }).value;
  if (!checked) return damaged("roomValues");
  return { ok: true, settings: { personalRoom: checked, ...withDefaults } };
}

export function loadSettings(store: SettingsPort): LoadedSettings {
  try {
    return parseSettings(store.get(SETTINGS_KEY));
  } catch {
    return parseSettings(Symbol("unreadable"));
  }
}

/** Changes the stored settings and saves; when saving fails, memory goes back to what is stored. */
async function changeAndSave(store: SettingsPort, change: () => void): Promise<void> {
  const previous = store.get(SETTINGS_KEY);
  change();
  try {
    await store.save();
  } catch (error) {
    // Keep memory in step with what is stored, so a retry starts from the truth.
    if (previous === undefined) store.remove(SETTINGS_KEY);
    else store.set(SETTINGS_KEY, previous);
    throw error;
  }
}

export function saveSettings(store: SettingsPort, settings: Settings): Promise<void> {
  return changeAndSave(store, () => store.set(SETTINGS_KEY, { version: 1, ...settings }));
}

/** Removes damaged settings: only when the person asks for it (in the pane), never on a read. */
export function resetSettings(store: SettingsPort): Promise<void> {
  return changeAndSave(store, () => store.remove(SETTINGS_KEY));
}
