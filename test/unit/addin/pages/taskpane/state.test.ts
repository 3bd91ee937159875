import type { Auth, AuthState } from "../../../../../src/addin/signin";
import type { LoadedConfig } from "../../../../../src/addin/signin/loadConfig";
import {
  addPlan,
  canAdd,
  initialPaneState,
  meetingDefaults,
  noticeFor,
  PANE_SIGN_IN,
  paneReducer,
  ROOM_ADOPTING_LABEL,
  roomLookupWanted,
  scheduledAvailable,
  SIGN_IN_PART_MISSING,
  type PaneAction,
  type PaneState,
} from "../../../../../src/addin/pages/taskpane/state";
import type { StoredMeeting } from "../../../../../src/addin/sources/meetingSource";
import { SignInNeededError } from "../../../../../src/addin/sources/scheduledMeeting";
import { AddinError } from "../../../../../src/addin/host/errors";
import { SIGN_IN_MESSAGE } from "../../../../../src/addin/host/notify";
import {
  DEFAULT_MEETING_DEFAULTS,
  parseSettings,
  type Settings,
} from "../../../../../src/addin/settings/settings";
import { parseConfig, type AddinConfig } from "../../../../../src/shared/consent/config";
import devConfig from "../../../../../dev/addin-config.dev.json";

const TENANT = "4f1c2b7e-9a3d-4e68-b5c1-7d2e8a90f3b6";
const ROOM = { personalMeetingId: "1234567890", attendeePasscode: "4321" };
const MEETING: StoredMeeting = {
  v: 1,
  addedToLocation: true,
  source: "personal-room",
  numericMeetingId: "1234567890",
  joinUrl: "https://bluejeans.com/1234567890",
};
const NEW_MEETINGS: Settings = { meetingDefaults: { ...DEFAULT_MEETING_DEFAULTS, source: "scheduled" } };

function config(scheduledMeetings = true): AddinConfig {
  const parsed = parseConfig(devConfig);
  if (!parsed.ok) throw new Error("dev config");
  return { ...parsed.config, features: { scheduledMeetings } };
}

const auth: Auth = {
  mode: "standard",
  checkSilently: async () => ({ status: "ok", account: { username: "u", tenantId: TENANT, name: "U" } }),
  signInInteractive: async () => ({ status: "ok", account: { username: "u", tenantId: TENANT, name: "U" } }),
  getApiToken: async () => "token",
};

function run(actions: PaneAction[], from: PaneState = initialPaneState()): PaneState {
  return actions.reduce(paneReducer, from);
}

const settingsLoaded = (settings: Settings): PaneAction => ({
  type: "settingsLoaded",
  loaded: { ok: true, settings },
});
const ok = (c: AddinConfig = config()): PaneAction => ({
  type: "configLoaded",
  loaded: { ok: true, config: c },
});
const invalid: LoadedConfig = {
  ok: false,
  reason: "The add-in's sign-in settings are incomplete or wrong, so no approval links can be made.",
  problems: ["apps: missing"],
};
const signedIn: PaneAction[] = [{ type: "accessStarting" }, ok(), { type: "clientReady", auth }];

describe("the pane's views", () => {
  test("starts loading, with sign-in not started", () => {
    const state = initialPaneState();
    expect(state.view).toEqual({ name: "loading" });
    expect(state.access.phase).toBe("idle");
    expect(state.notice).toBeUndefined();
  });

  test("no settings: the settings form; a personal room or new meetings: ready; a meeting: added", () => {
    expect(run([settingsLoaded({}), { type: "appointmentRead" }]).view).toEqual({ name: "settings" });
    expect(run([settingsLoaded({ personalRoom: ROOM }), { type: "appointmentRead" }]).view).toEqual({
      name: "ready",
    });
    expect(run([settingsLoaded(NEW_MEETINGS), { type: "appointmentRead" }]).view).toEqual({ name: "ready" });
    expect(run([settingsLoaded({}), { type: "appointmentRead", meeting: MEETING }]).view).toEqual({
      name: "added",
      meeting: MEETING,
    });
  });

  test("first run: the form is the first view, before the appointment is read", () => {
    expect(run([settingsLoaded({})]).view).toEqual({ name: "settings" });
    // Saved settings wait for the appointment: a room or new meetings, and ones that cannot be read.
    expect(run([settingsLoaded({ personalRoom: ROOM })]).view).toEqual({ name: "loading" });
    expect(run([settingsLoaded(NEW_MEETINGS)]).view).toEqual({ name: "loading" });
    const damaged = parseSettings({ version: 1, personalRoom: "1234567890" });
    expect(run([{ type: "settingsLoaded", loaded: damaged }]).view).toEqual({ name: "loading" });
  });

  test("first run: a meeting found replaces the untouched form, never one being filled in", () => {
    const read: PaneAction = { type: "appointmentRead", meeting: MEETING };
    expect(run([settingsLoaded({}), read]).view).toEqual({ name: "added", meeting: MEETING });
    expect(run([settingsLoaded({}), { type: "formEdited" }, read]).view).toEqual({ name: "settings" });
  });

  test("first run: a room being adopted when the read lands goes on; if saving it fails, the meeting shows", () => {
    const found: PaneAction = { type: "roomLookupSettled", outcome: { status: "found", room: ROOM } };
    const adopting = run([settingsLoaded({}), found, { type: "appointmentRead", meeting: MEETING }]);
    expect(adopting.view).toMatchObject({ name: "working", back: { name: "added", meeting: MEETING } });
    expect(adopting.adopting?.personalRoom).toEqual(ROOM);
    const failed = paneReducer(adopting, {
      type: "workFailed",
      notice: { intent: "error", title: "No", text: "" },
    });
    expect(failed.view).toEqual({ name: "added", meeting: MEETING });
  });

  test("damaged settings: said in plain words, and the report instead of the form until starting over", () => {
    const loaded = parseSettings({ version: 1, personalRoom: "1234567890" });
    const state = run([{ type: "settingsLoaded", loaded }, { type: "appointmentRead" }]);
    expect(state.stored).toBe("damaged");
    expect(state.view).toEqual({ name: "damaged" });
    expect(state.notice).toEqual({
      intent: "warning",
      title: "Your saved settings could not be read",
      text: "Your saved BlueJeans settings could not be read (personal room is not an object). Enter them again.",
    });
    // Settings leads to the same report; so does a removal that leaves nothing to add.
    const added = run([
      { type: "settingsLoaded", loaded },
      { type: "appointmentRead", meeting: MEETING },
    ]);
    expect(added.view).toEqual({ name: "added", meeting: MEETING });
    expect(paneReducer(added, { type: "settingsOpened" }).view).toEqual({ name: "damaged" });
    // Starting over: nothing stored, the form next, and a first run from then on.
    const fresh = paneReducer(state, { type: "settingsReset" });
    expect(fresh).toMatchObject({ stored: "none", settings: {}, formTouched: false });
    expect(paneReducer(fresh, { type: "settingsOpened" }).view).toEqual({ name: "settings" });
  });

  test("settings a newer version wrote: said, the form shows, and they count as stored", () => {
    const loaded = parseSettings({ version: 9, personalRoom: { personalMeetingId: "1234567890" } });
    const state = run([{ type: "settingsLoaded", loaded }, { type: "appointmentRead" }]);
    expect(state).toMatchObject({ stored: "newer", view: { name: "settings" } });
    expect(state.notice).toMatchObject({ intent: "warning", title: "Settings from a newer version" });
  });

  test("reading the appointment failed: the error, and the view the settings allow", () => {
    const problem = { intent: "error" as const, title: "Outlook could not read", text: "Try again." };
    const state = run([settingsLoaded({ personalRoom: ROOM }), { type: "appointmentRead", problem }]);
    expect(state.view).toEqual({ name: "ready" });
    expect(state.notice).toEqual(problem);
  });

  test("settings opened, and back to the current view", () => {
    const ready = run([settingsLoaded({ personalRoom: ROOM }), { type: "appointmentRead" }]);
    const form = paneReducer(ready, { type: "settingsOpened" });
    expect(form.view).toEqual({ name: "settings" });
    expect(paneReducer(form, { type: "currentShown" }).view).toEqual({ name: "ready" });
    expect(paneReducer(form, { type: "currentShown", meeting: MEETING }).view).toEqual({
      name: "added",
      meeting: MEETING,
    });
  });

  test("settings changed and notices shown or cleared", () => {
    const saved = { intent: "success" as const, title: "Settings saved", text: "Ready." };
    const state = run([
      settingsLoaded({}),
      { type: "settingsChanged", settings: { personalRoom: ROOM }, notice: saved },
    ]);
    expect(state.settings).toEqual({ personalRoom: ROOM });
    expect(state.notice).toEqual(saved);
    expect(paneReducer(state, { type: "noticeShown", notice: undefined }).notice).toBeUndefined();
  });

  test("working: clears the notice, one task at a time, success goes on, failure goes back", () => {
    const ready = run([
      settingsLoaded({ personalRoom: ROOM }),
      { type: "appointmentRead" },
      { type: "noticeShown", notice: { intent: "success", title: "Settings saved", text: "" } },
    ]);
    const working = paneReducer(ready, { type: "workStarted", label: "Adding BlueJeans meeting…" });
    expect(working.view).toEqual({
      name: "working",
      label: "Adding BlueJeans meeting…",
      back: { name: "ready" },
    });
    expect(working.notice).toBeUndefined();
    expect(paneReducer(working, { type: "workStarted", label: "again" })).toBe(working);

    const added = { intent: "success" as const, title: "Meeting details added", text: "" };
    const done = paneReducer(working, {
      type: "workSucceeded",
      view: { name: "added", meeting: MEETING },
      notice: added,
    });
    expect(done.view).toEqual({ name: "added", meeting: MEETING });
    expect(done.notice).toEqual(added);

    const failure = {
      intent: "error" as const,
      title: "Outlook could not set the location.",
      text: "Try again.",
    };
    const failed = paneReducer(working, { type: "workFailed", notice: failure });
    expect(failed.view).toEqual({ name: "ready" });
    expect(failed.notice).toEqual(failure);
  });
});

describe("the first run: the personal meeting looked up in BlueJeans", () => {
  const settled: PaneAction = {
    type: "checkSettled",
    result: { status: "ok", account: { username: "u", tenantId: TENANT, name: "U" } },
    attempt: "silent",
    at: 1,
  };
  const FOUND = { personalMeetingId: "4155550110", attendeePasscode: "2468" };
  const found: PaneAction = { type: "roomLookupSettled", outcome: { status: "found", room: FOUND } };
  const firstRun = (settings: Settings = {}, extra: PaneAction[] = []) =>
    run([settingsLoaded(settings), { type: "appointmentRead" }, ...signedIn, settled, ...extra]);

  test("asked only once the form shows, the server offers it and sign-in worked silently", () => {
    expect(roomLookupWanted(run([settingsLoaded({}), { type: "appointmentRead" }]))).toBe(false);
    expect(roomLookupWanted(run([settingsLoaded({}), { type: "appointmentRead" }, ...signedIn]))).toBe(false);
    const problem: PaneAction = {
      type: "checkSettled",
      result: { status: "problem", classification: { kind: "userConsentNeeded", message: "AADSTS65001" } },
      attempt: "silent",
      at: 1,
    };
    expect(
      roomLookupWanted(run([settingsLoaded({}), { type: "appointmentRead" }, ...signedIn, problem])),
    ).toBe(false);
    expect(roomLookupWanted(firstRun())).toBe(true);
    expect(
      roomLookupWanted(
        run([settingsLoaded({ personalRoom: ROOM }), { type: "appointmentRead" }, ...signedIn, settled]),
      ),
    ).toBe(false);
    // Asked once: not again while it is answering or after.
    const looking = paneReducer(firstRun(), { type: "roomLookupStarted" });
    expect(looking.roomLookup).toEqual({ status: "looking" });
    expect(roomLookupWanted(looking)).toBe(false);
  });

  test("found before the form was touched: saved as Save would (the switch kept), working, then ready", () => {
    const state = firstRun({ autoAdd: true }, [{ type: "roomLookupStarted" }, found]);
    expect(state.view).toEqual({ name: "working", label: ROOM_ADOPTING_LABEL, back: { name: "settings" } });
    expect(state.adopting).toEqual({ autoAdd: true, personalRoom: FOUND });
    expect(state.roomLookup).toEqual({ status: "found", room: FOUND });

    const notice = { intent: "success" as const, title: "Your personal meeting is set up", text: "" };
    const done = run(
      [
        { type: "settingsChanged", settings: { autoAdd: true, personalRoom: FOUND } },
        { type: "workSucceeded", view: { name: "ready" }, notice },
      ],
      state,
    );
    expect(done).toMatchObject({ view: { name: "ready" }, stored: "saved", notice });
    expect(done.adopting).toBeUndefined();
    expect(addPlan(done).enabled).toBe(true);
  });

  test("the person typed first: nothing is replaced, the offer stays for them to choose", () => {
    const state = firstRun({}, [{ type: "roomLookupStarted" }, { type: "formEdited" }, found]);
    expect(state.view).toEqual({ name: "settings" });
    expect(state.adopting).toBeUndefined();
    expect(state.formTouched).toBe(true);
    expect(state.roomLookup).toEqual({ status: "found", room: FOUND });
  });

  test("nothing found, BlueJeans unavailable or sign-in needed: the form stays", () => {
    for (const outcome of [
      { status: "no-account", message: "No BlueJeans account in your company uses meganb@contoso.com." },
      { status: "unavailable", message: "BlueJeans did not answer." },
      { status: "sign-in", cause: new Error("interaction_required") },
    ] as const) {
      const state = firstRun({}, [{ type: "roomLookupStarted" }, { type: "roomLookupSettled", outcome }]);
      expect(state.view).toEqual({ name: "settings" });
      expect(state.adopting).toBeUndefined();
      expect(state.roomLookup).toEqual(outcome);
    }
  });

  test("not a first run, or the form already left: an answer only offers", () => {
    const saved = run(
      [{ type: "settingsOpened" }, { type: "roomLookupStarted" }, found],
      run([settingsLoaded({ personalRoom: ROOM }), { type: "appointmentRead" }, ...signedIn, settled]),
    );
    expect(saved.view).toEqual({ name: "settings" });
    expect(saved.adopting).toBeUndefined();

    const newer = run([
      { type: "settingsLoaded", loaded: parseSettings({ version: 3 }) },
      { type: "appointmentRead" },
      ...signedIn,
      settled,
      { type: "roomLookupStarted" },
      found,
    ]);
    expect(newer.adopting).toBeUndefined();

    const left = firstRun({}, [
      { type: "roomLookupStarted" },
      { type: "settingsChanged", settings: NEW_MEETINGS },
      { type: "currentShown" },
      found,
    ]);
    expect(left.view).toEqual({ name: "ready" });
    expect(left.adopting).toBeUndefined();
  });

  test("saving the found room failed: back to the form with the error, and not tried again by itself", () => {
    const failure = { intent: "error" as const, title: "Outlook could not save your settings.", text: "" };
    const state = firstRun({}, [
      { type: "roomLookupStarted" },
      found,
      { type: "workFailed", notice: failure },
    ]);
    expect(state).toMatchObject({ view: { name: "settings" }, notice: failure, stored: "none" });
    expect(state.adopting).toBeUndefined();
    expect(roomLookupWanted(state)).toBe(false);
  });

  test("Settings opened again: a fresh, untouched form; a lookup that could not answer is asked again", () => {
    const unavailable: PaneAction = {
      type: "roomLookupSettled",
      outcome: { status: "unavailable", message: "BlueJeans did not answer." },
    };
    const typed = firstRun({}, [{ type: "roomLookupStarted" }, unavailable, { type: "formEdited" }]);
    const again = run(
      [
        { type: "settingsChanged", settings: { personalRoom: ROOM } },
        { type: "currentShown" },
        { type: "settingsOpened" },
      ],
      typed,
    );
    expect(again.formTouched).toBe(false);
    expect(again.roomLookup).toEqual({ status: "idle" });
    expect(roomLookupWanted(again)).toBe(true);
    const kept = run(
      [{ type: "roomLookupStarted" }, found, { type: "currentShown" }, { type: "settingsOpened" }],
      again,
    );
    expect(kept.roomLookup).toEqual({ status: "found", room: FOUND });
  });
});

describe("sign-in and access", () => {
  test("starting: configuration, client, check; starting again changes nothing", () => {
    const starting = run([{ type: "accessStarting" }]);
    expect(starting.access).toMatchObject({ phase: "config", busy: "check" });
    expect(paneReducer(starting, { type: "accessStarting" })).toBe(starting);
    const client = paneReducer(starting, ok());
    expect(client.access.phase).toBe("client");
    const tenant = paneReducer(client, { type: "officeTenantRead", tenantId: TENANT });
    expect(tenant.access.officeTenantId).toBe(TENANT);
    expect(paneReducer(tenant, { type: "officeTenantRead" })).toBe(tenant);
    const ready = paneReducer(tenant, { type: "clientReady", auth });
    expect(ready.access).toMatchObject({ phase: "ready", auth, busy: "check" });
    const result: AuthState = { status: "ok", account: { username: "u", tenantId: TENANT, name: "U" } };
    const checked = paneReducer(ready, { type: "checkSettled", result, attempt: "silent", at: 5 });
    expect(checked.access).toMatchObject({
      result,
      occurredAt: 5,
      lastAttempt: "silent",
      account: result.account,
    });
    expect(checked.access.busy).toBeUndefined();
  });

  test("a personal account: the check is skipped, nothing stays busy", () => {
    const state = run([...signedIn, { type: "checkSkipped" }]);
    expect(state.access.busy).toBeUndefined();
    expect(state.access.result).toBeUndefined();
  });

  test("checks and sign-ins in progress, then settled", () => {
    const signing = run([...signedIn, { type: "checkStarted", busy: "signIn" }]);
    expect(signing.access.busy).toBe("signIn");
  });

  test("a failed interactive sign-in keeps the account and roles sign-in knew before", () => {
    const account = {
      username: "alexw@contoso.com",
      tenantId: TENANT,
      name: "Alex",
      wids: ["b79fbf4d-3ef9-4689-8143-76b194e85509"],
    };
    const silent: AuthState = {
      status: "problem",
      classification: { kind: "userConsentNeeded", message: "AADSTS65001" },
      account,
    };
    const interactive: AuthState = {
      status: "problem",
      classification: { kind: "adminConsentRequired", message: "AADSTS90094" },
    };
    const state = run([
      ...signedIn,
      { type: "checkSettled", result: silent, attempt: "silent", at: 1 },
      { type: "checkSettled", result: interactive, attempt: "interactive", at: 2 },
    ]);
    expect(state.access.result).toEqual(interactive);
    expect(state.access.account).toEqual(account);
    expect(state.access.lastAttempt).toBe("interactive");
  });

  test("the organisation found from the mailbox's domain is kept", () => {
    expect(run([{ type: "domainTenantFound", tenantId: TENANT }]).access.domainTenantId).toBe(TENANT);
  });

  test("an invalid configuration or a missing sign-in part: unavailable, not busy", () => {
    const bad = run([{ type: "accessStarting" }, { type: "configLoaded", loaded: invalid }]);
    expect(bad.access).toMatchObject({ phase: "unavailable", loaded: invalid });
    expect(bad.access.busy).toBeUndefined();
    const missing = run([
      { type: "accessStarting" },
      ok(),
      { type: "clientFailed", problem: SIGN_IN_PART_MISSING },
    ]);
    expect(missing.access).toMatchObject({ phase: "unavailable", startProblem: SIGN_IN_PART_MISSING });
    expect(missing.access.busy).toBeUndefined();
  });
});

describe("what Add BlueJeans meeting does", () => {
  const ready = (settings: Settings, access: PaneAction[] = []) =>
    run([settingsLoaded(settings), { type: "appointmentRead" }, ...access]);

  test("the personal room, named by its ID", () => {
    expect(addPlan(ready({ personalRoom: ROOM }))).toEqual({
      source: "personal-room",
      enabled: true,
      text: "Adds your personal room (1234567890) to this appointment: the location and the join details in the body.",
    });
  });

  test("new meetings once sign-in is ready and the server offers them", () => {
    const state = ready(NEW_MEETINGS, signedIn);
    expect(scheduledAvailable(state)).toBe(true);
    expect(addPlan(state)).toMatchObject({ source: "scheduled", enabled: true });
    expect(addPlan(state).text).toBe(
      "Creates a new BlueJeans meeting for this appointment and adds its join details.",
    );
    expect(canAdd(state)).toBe(true);
  });

  test("bug: new meetings chosen, no personal room, sign-in pending: says so truthfully, never 'undefined'", () => {
    for (const access of [
      [],
      [{ type: "accessStarting" }],
      [{ type: "accessStarting" }, ok()],
    ] as PaneAction[][]) {
      const plan = addPlan(ready(NEW_MEETINGS, access));
      expect(plan.enabled).toBe(false);
      expect(plan.text).not.toContain("undefined");
      expect(plan.text).not.toContain("personal room");
      expect(plan.text).toBe(
        "Signing in to BlueJeans… The button works as soon as a new meeting can be created for this appointment.",
      );
    }
    // With a personal room too, it still waits for the meeting the person chose.
    expect(
      addPlan(ready({ ...NEW_MEETINGS, personalRoom: ROOM }, [{ type: "accessStarting" }])).enabled,
    ).toBe(false);
  });

  test("bug: invalid configuration, new meetings chosen, no room: what is wrong and what to do", () => {
    const state = ready(NEW_MEETINGS, [
      { type: "accessStarting" },
      { type: "configLoaded", loaded: invalid },
    ]);
    const plan = addPlan(state);
    expect(plan.enabled).toBe(false);
    expect(plan.text).toBe(
      `New meetings cannot be made right now: ${invalid.reason} Ask whoever set up BlueJeans to fix the add-in's settings. Or set up your personal room in Settings and add that instead.`,
    );
  });

  test("bug: the sign-in part failed to load: the personal room still works, and the pane says why", () => {
    const state = ready({ ...NEW_MEETINGS, personalRoom: ROOM }, [
      { type: "accessStarting" },
      ok(),
      { type: "clientFailed", problem: SIGN_IN_PART_MISSING },
    ]);
    const plan = addPlan(state);
    expect(plan).toMatchObject({ source: "personal-room", enabled: true });
    expect(plan.text).toBe(
      `New meetings cannot be made right now: ${SIGN_IN_PART_MISSING} Check the connection and reload the add-in. Until then, the button adds your personal room (1234567890).`,
    );
    expect(canAdd(state)).toBe(true);
  });

  test("the server offers no new meetings: said, and the room is used when there is one", () => {
    const noFeature = [
      { type: "accessStarting" },
      ok(config(false)),
      { type: "clientReady", auth },
    ] as PaneAction[];
    expect(addPlan(ready(NEW_MEETINGS, noFeature))).toMatchObject({ source: "none", enabled: false });
    expect(addPlan(ready(NEW_MEETINGS, noFeature)).text).toContain(
      "This BlueJeans server cannot create new meetings.",
    );
    expect(addPlan(ready({ ...NEW_MEETINGS, personalRoom: ROOM }, noFeature)).source).toBe("personal-room");
  });

  test("the personal room chosen but not set up: disabled, with what to do", () => {
    const settings: Settings = { meetingDefaults: { ...DEFAULT_MEETING_DEFAULTS, source: "personal-room" } };
    expect(addPlan(ready(settings))).toEqual({
      source: "none",
      enabled: false,
      text: "Set up your personal room in Settings first.",
    });
    expect(canAdd(ready(settings))).toBe(false);
  });

  test("the meeting choice defaults to the room when there is one, else new meetings", () => {
    expect(meetingDefaults({ personalRoom: ROOM }).source).toBe("personal-room");
    expect(meetingDefaults({}).source).toBe("scheduled");
    expect(meetingDefaults(NEW_MEETINGS)).toBe(NEW_MEETINGS.meetingDefaults);
  });
});

describe("noticeFor: the message bar for a failure", () => {
  test("sign-in needed: the pane points at its own access check, not at itself", () => {
    const error = new SignInNeededError(new Error("interaction_required"));
    // The error carries the words for code without a pane (the command, the event runtime).
    expect(error.action).toBe(SIGN_IN_MESSAGE);
    expect(noticeFor(error)).toEqual({
      intent: "error",
      title: "You need to be signed in to Microsoft 365 to create a BlueJeans meeting.",
      text: PANE_SIGN_IN.action,
    });
  });

  test("any other failure: its own action, with the detail after it", () => {
    const error = new AddinError(
      "Outlook could not set the location.",
      "Try again.",
      "office.x",
      "code 9002",
    );
    expect(noticeFor(error)).toEqual({
      intent: "error",
      title: "Outlook could not set the location.",
      text: "Try again. (code 9002)",
    });
    expect(noticeFor(new Error("boom")).title).toBe("Something went wrong.");
  });
});
