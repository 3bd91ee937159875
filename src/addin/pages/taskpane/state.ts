/**
 * What the task pane shows, as one pure model: a reducer and the selectors the components read.
 * No React, Office or network here; App.tsx owns the state and passes it down.
 *
 * - `view`: loading, the settings form, ready to add, another provider's details found, working, added.
 * - `notice`: the one message bar (success, warning, error).
 * - `access`: sign-in and Microsoft 365 access. Starting it is an action like any other
 *   (`accessStarting`), so it may begin at mount, on idle or on demand: nothing here assumes when.
 * - `stored`, `roomLookup`, `formTouched`, `adopting`: the first run. The form shows at once; when
 *   BlueJeans' answer names the person's room before they touch the form, the pane saves it
 *   (`adopting`, App.tsx writes it) and goes on to the ready view.
 */
import type { LoadedConfig } from "../../signin/loadConfig";
import type { Auth, AuthAccount, AuthState } from "../../signin";
import type { AddinConfig } from "../../../shared/consent/config";
import {
  DEFAULT_MEETING_DEFAULTS,
  settingsProblem,
  type LoadedSettings,
  type MeetingDefaults,
  type Settings,
} from "../../settings/settings";
import type { StoredMeeting } from "../../sources/meetingSource";
import type { PersonalRoomLookup } from "../../sources/personalRoomLookup";
import type { NoticeContent } from "./Notice";
import { SIGN_IN_NEEDED, toAddinError } from "../../host/errors";

export type View =
  | { name: "loading" }
  | { name: "settings" }
  /** The stored settings cannot be read: said, and nothing written until the person starts over. */
  | { name: "damaged" }
  | { name: "ready" }
  | { name: "added"; meeting: StoredMeeting }
  /** The appointment carries another provider's join details (`names`): replace, add beside, or not. */
  | { name: "others"; names: string[] }
  /** `back` is where a failure returns to. */
  | { name: "working"; label: string; back: View };

export type AccessPhase =
  /** Not started yet (the check may be deferred). */
  | "idle"
  /** Fetching /config.json. */
  | "config"
  /** Reading Office's tenant, loading the sign-in client. */
  | "client"
  /** The sign-in client is there (`auth`). */
  | "ready"
  /** No sign-in: the configuration is unusable or the sign-in part could not be loaded. */
  | "unavailable";

export interface AccessState {
  phase: AccessPhase;
  loaded?: LoadedConfig;
  auth?: Auth;
  /** Why the sign-in part could not start although the configuration is fine. */
  startProblem?: string;
  officeTenantId?: string;
  /** The organisation found from the mailbox's e-mail domain (first visits). */
  domainTenantId?: string;
  /** The last check's result. */
  result?: AuthState;
  /**
   * The person as sign-in last knew them (account, tenant, roles). Kept when a later attempt
   * fails without naming anyone, so the remedy still points at their organisation.
   */
  account?: AuthAccount;
  /** When the last result arrived (ms since 1970), for the remedy's details. */
  occurredAt?: number;
  busy?: "check" | "signIn";
  lastAttempt: "silent" | "interactive";
}

/**
 * What is stored: nothing usable yet (a first run, or just started over), settings this version
 * wrote, settings it cannot read, or settings a newer version wrote (left alone until saved over).
 */
export type StoredSettings = "none" | "saved" | "damaged" | "newer";

/** The personal meeting as BlueJeans holds it: not asked yet, being asked, or the answer. */
export type RoomLookupState = { status: "idle" } | { status: "looking" } | PersonalRoomLookup;

export interface PaneState {
  view: View;
  notice?: NoticeContent;
  settings: Settings;
  stored: StoredSettings;
  access: AccessState;
  roomLookup: RoomLookupState;
  /** The person changed something in the settings form since it opened. */
  formTouched: boolean;
  /** The settings being saved because the lookup found the room on a first run (view "working"). */
  adopting?: Settings;
}

export type PaneAction =
  | { type: "settingsLoaded"; loaded: LoadedSettings }
  /** The person chose to start over: the unreadable settings were removed. */
  | { type: "settingsReset" }
  | { type: "formEdited" }
  | { type: "roomLookupStarted" }
  | { type: "roomLookupSettled"; outcome: PersonalRoomLookup }
  /** Whether the appointment already has a meeting; `problem` when reading that failed. */
  | { type: "appointmentRead"; meeting?: StoredMeeting; problem?: NoticeContent }
  | { type: "settingsOpened" }
  | { type: "currentShown"; meeting?: StoredMeeting }
  | { type: "settingsChanged"; settings: Settings; notice?: NoticeContent }
  | { type: "noticeShown"; notice: NoticeContent | undefined }
  | { type: "workStarted"; label: string }
  | { type: "workSucceeded"; view: View; notice: NoticeContent }
  | { type: "workFailed"; notice: NoticeContent }
  | { type: "accessStarting" }
  | { type: "configLoaded"; loaded: LoadedConfig }
  | { type: "officeTenantRead"; tenantId?: string }
  | { type: "domainTenantFound"; tenantId: string }
  | { type: "clientReady"; auth: Auth }
  | { type: "clientFailed"; problem: string }
  | { type: "checkStarted"; busy: "check" | "signIn" }
  /** No check is made (a personal account has no organisation to consent for). */
  | { type: "checkSkipped" }
  | { type: "checkSettled"; result: AuthState; attempt: "silent" | "interactive"; at: number };

export const SIGN_IN_PART_MISSING =
  "The sign-in part of the add-in could not be loaded. Check the connection and reload the add-in.";

export const ROOM_ADOPTING_LABEL = "Setting up your personal meeting from BlueJeans…";

/**
 * What the pane says when a new meeting needs sign-in, and offers: its own access check, or the
 * room. The error's own words are for code without a pane ("Open the BlueJeans pane to sign in").
 */
export const PANE_SIGN_IN = {
  title: "You need to be signed in to Microsoft 365 to create a BlueJeans meeting.",
  action: 'Use "Check Microsoft 365 access" below to see what is needed, or choose your personal room.',
};

/** The message bar for a failure: what happened, what to do, and the technical detail. */
export function noticeFor(error: unknown): NoticeContent {
  const problem = toAddinError(error);
  const detail = problem.detail ? ` (${problem.detail})` : "";
  const { title, action } =
    problem.code === SIGN_IN_NEEDED ? PANE_SIGN_IN : { title: problem.message, action: problem.action };
  return { intent: "error", title, text: `${action}${detail}` };
}

export function initialPaneState(): PaneState {
  return {
    view: { name: "loading" },
    settings: {},
    stored: "none",
    access: { phase: "idle", lastAttempt: "silent" },
    roomLookup: { status: "idle" },
    formTouched: false,
  };
}

/** Ready to add: a personal room, or new meetings chosen as the default. */
function startsReady(settings: Settings): boolean {
  return Boolean(settings.personalRoom) || settings.meetingDefaults?.source === "scheduled";
}

/**
 * A view the appointment's read may still replace: loading, or the first run's form while nobody
 * has touched it (the only views there are before the read).
 */
function replacedByRead(view: View, state: PaneState): boolean {
  return view.name === "loading" || (view.name === "settings" && !state.formTouched);
}

/** The form, or the damaged-settings report in its place until the person starts over. */
export function settingsView(state: PaneState): View {
  return state.stored === "damaged" ? { name: "damaged" } : { name: "settings" };
}

function storedOf(loaded: LoadedSettings): StoredSettings {
  if (!loaded.ok) return loaded.kind;
  return loaded.settings.personalRoom || loaded.settings.meetingDefaults ? "saved" : "none";
}

const SETTINGS_PROBLEM_TITLES = {
  damaged: "Your saved settings could not be read",
  newer: "Settings from a newer version",
} as const;

/**
 * A first run whose form is untouched and showing: the room BlueJeans named is saved as Save would
 * save it (over whatever else is set, such as the automatic-meeting switch).
 */
function adoptFound(state: PaneState, outcome: PersonalRoomLookup): PaneState {
  if (
    outcome.status !== "found" ||
    state.stored !== "none" ||
    state.formTouched ||
    state.view.name !== "settings"
  ) {
    return state;
  }
  const { notice: _dropped, ...rest } = state;
  return {
    ...rest,
    view: { name: "working", label: ROOM_ADOPTING_LABEL, back: state.view },
    adopting: { ...state.settings, personalRoom: outcome.room },
  };
}

function accessReducer(access: AccessState, action: PaneAction): AccessState {
  switch (action.type) {
    case "accessStarting":
      // Starting twice (an effect run again) changes nothing that already started.
      return access.phase === "idle" ? { ...access, phase: "config", busy: "check" } : access;
    case "configLoaded":
      return action.loaded.ok
        ? { ...access, loaded: action.loaded, phase: "client" }
        : { ...access, loaded: action.loaded, phase: "unavailable", busy: undefined };
    case "officeTenantRead":
      return action.tenantId ? { ...access, officeTenantId: action.tenantId } : access;
    case "domainTenantFound":
      return { ...access, domainTenantId: action.tenantId };
    case "clientReady":
      return { ...access, auth: action.auth, phase: "ready" };
    case "clientFailed":
      return { ...access, startProblem: action.problem, phase: "unavailable", busy: undefined };
    case "checkStarted":
      return { ...access, busy: action.busy };
    case "checkSkipped":
      return { ...access, busy: undefined };
    case "checkSettled": {
      const account = action.result.account ?? access.account;
      return {
        ...access,
        result: action.result,
        ...(account ? { account } : {}),
        occurredAt: action.at,
        lastAttempt: action.attempt,
        busy: undefined,
      };
    }
    default:
      return access;
  }
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "settingsLoaded": {
      const { loaded } = action;
      const next = { ...state, settings: loaded.settings, stored: storedOf(loaded) };
      return {
        ...next,
        // Nothing saved: the form is the first view, drawn before the appointment has been read.
        // Saved settings (a room, new meetings, or ones this version cannot read) wait for it.
        view: state.view.name === "loading" && next.stored === "none" ? { name: "settings" } : state.view,
        ...(loaded.ok
          ? {}
          : {
              notice: {
                intent: "warning",
                title: SETTINGS_PROBLEM_TITLES[loaded.kind],
                text: settingsProblem(loaded),
              },
            }),
      };
    }
    case "settingsReset":
      return { ...state, settings: {}, stored: "none", formTouched: false };
    case "formEdited":
      return state.formTouched ? state : { ...state, formTouched: true };
    case "roomLookupStarted":
      return { ...state, roomLookup: { status: "looking" } };
    case "roomLookupSettled":
      return adoptFound({ ...state, roomLookup: action.outcome }, action.outcome);
    case "appointmentRead": {
      const read: View = action.meeting
        ? { name: "added", meeting: action.meeting }
        : startsReady(state.settings)
          ? { name: "ready" }
          : settingsView(state);
      const { view } = state;
      return {
        ...state,
        // The untouched form gives way to the meeting. A form being filled in stays; so does work
        // started from the form (adopting a room), which goes back to what the read found if it fails.
        view: replacedByRead(view, state)
          ? read
          : view.name === "working" && replacedByRead(view.back, state)
            ? { ...view, back: read }
            : view,
        ...(action.problem ? { notice: action.problem } : {}),
      };
    }
    case "settingsOpened": {
      // A fresh form; a lookup that could not answer is asked again.
      const retry = state.roomLookup.status === "unavailable" || state.roomLookup.status === "sign-in";
      return {
        ...state,
        view: settingsView(state),
        formTouched: false,
        ...(retry ? { roomLookup: { status: "idle" } } : {}),
      };
    }
    case "currentShown":
      return {
        ...state,
        view: action.meeting ? { name: "added", meeting: action.meeting } : { name: "ready" },
      };
    case "settingsChanged":
      return {
        ...state,
        settings: action.settings,
        stored: "saved",
        ...(action.notice ? { notice: action.notice } : {}),
      };
    case "noticeShown":
      return { ...state, notice: action.notice };
    case "workStarted": {
      if (state.view.name === "working") return state; // one task at a time
      const { notice: _dropped, ...rest } = state;
      return { ...rest, view: { name: "working", label: action.label, back: state.view } };
    }
    case "workSucceeded": {
      const { adopting: _done, ...rest } = state;
      return { ...rest, view: action.view, notice: action.notice };
    }
    case "workFailed": {
      const { adopting: _done, ...rest } = state;
      return {
        ...rest,
        view: state.view.name === "working" ? state.view.back : state.view,
        notice: action.notice,
      };
    }
    default: {
      const access = accessReducer(state.access, action);
      return access === state.access ? state : { ...state, access };
    }
  }
}

// ---- Selectors ------------------------------------------------------------------------------------------

/** The configuration once it loaded and is valid. */
export function configOf(access: AccessState): AddinConfig | undefined {
  return access.loaded?.ok ? access.loaded.config : undefined;
}

/**
 * The personal meeting can be asked of BlueJeans now: the form shows, nothing was asked yet, the
 * server offers the API and sign-in worked without the person.
 */
export function roomLookupWanted(state: PaneState): boolean {
  return (
    state.view.name === "settings" &&
    state.roomLookup.status === "idle" &&
    scheduledAvailable(state) &&
    state.access.result?.status === "ok"
  );
}

/** New meetings can be made: sign-in is ready and the server offers them. */
export function scheduledAvailable(state: PaneState): boolean {
  return state.access.phase === "ready" && configOf(state.access)?.features?.scheduledMeetings === true;
}

/** The meeting choice: the saved one, else the personal room when there is one. */
export function meetingDefaults(settings: Settings): MeetingDefaults {
  return (
    settings.meetingDefaults ?? {
      ...DEFAULT_MEETING_DEFAULTS,
      source: settings.personalRoom ? "personal-room" : "scheduled",
    }
  );
}

/** Why new meetings cannot be made now, and what to do; undefined while they can or may soon. */
export function scheduledUnavailable(state: PaneState): { problem: string; action: string } | undefined {
  const { access } = state;
  if (access.phase === "unavailable") {
    const problem = access.loaded && !access.loaded.ok ? access.loaded.reason : (access.startProblem ?? "");
    return {
      problem,
      action:
        access.loaded && !access.loaded.ok
          ? "Ask whoever set up BlueJeans to fix the add-in's settings."
          : "Check the connection and reload the add-in.",
    };
  }
  if (access.phase === "ready" && !scheduledAvailable(state)) {
    return {
      problem: "This BlueJeans server cannot create new meetings.",
      action: "Ask whoever set up BlueJeans to turn them on.",
    };
  }
  return undefined;
}

/** What "Add BlueJeans meeting" does now, in words, and whether it can. */
export type AddPlan =
  | { source: "scheduled"; enabled: true; text: string }
  | { source: "personal-room"; enabled: true; text: string }
  | { source: "none"; enabled: false; text: string };

export function addPlan(state: PaneState): AddPlan {
  const { settings } = state;
  const room = settings.personalRoom;
  const choice = meetingDefaults(settings);
  const roomText = (id: string) =>
    `Adds your personal room (${id}) to this appointment: the location and the join details in the body.`;
  if (choice.source === "scheduled") {
    if (scheduledAvailable(state)) {
      return {
        source: "scheduled",
        enabled: true,
        text: "Creates a new BlueJeans meeting for this appointment and adds its join details.",
      };
    }
    const unavailable = scheduledUnavailable(state);
    if (unavailable) {
      if (room) {
        return {
          source: "personal-room",
          enabled: true,
          text: `New meetings cannot be made right now: ${unavailable.problem} ${unavailable.action} Until then, the button adds your personal room (${room.personalMeetingId}).`,
        };
      }
      return {
        source: "none",
        enabled: false,
        text: `New meetings cannot be made right now: ${unavailable.problem} ${unavailable.action} Or set up your personal room in Settings and add that instead.`,
      };
    }
    // Sign-in has not finished: wait rather than quietly use something else.
    return {
      source: "none",
      enabled: false,
      text: "Signing in to BlueJeans… The button works as soon as a new meeting can be created for this appointment.",
    };
  }
  if (room) return { source: "personal-room", enabled: true, text: roomText(room.personalMeetingId) };
  return { source: "none", enabled: false, text: "Set up your personal room in Settings first." };
}

/** After a removal: ready when something can be added, else the settings form. */
export function canAdd(state: PaneState): boolean {
  return (
    Boolean(state.settings.personalRoom) ||
    (state.settings.meetingDefaults !== undefined && addPlan(state).source === "scheduled")
  );
}
