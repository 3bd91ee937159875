/**
 * The workbench's fake Outlook host: the appointment, roaming settings, failure switches, latency, the call log and
 * the add-in command runner. `officeFor(frameWindow)` gives each add-in frame its own Office namespace bound to it.
 * The page exposes `host.api()` as `window.__workbench`.
 */
import { OUTLOOK_ERRORS, OfficeHostError, resolveInjectedError } from "./errors";
import {
  createOfficeNamespace,
  type AsyncRequest,
  type DialogNotice,
  type DialogOpening,
  type FrameBackend,
  type UserProfileValue,
} from "./fakeOffice";
import { DEV_TENANT_ID } from "../idp/scenarios";
import { createNaaBridge, type NaaBridge, type NaaBridgeOptions, type NaaCallRecord } from "./naaBridge";
import type { WorkerSnapshot } from "./eventProtocol";
import {
  EventRuntime,
  isLaunchEventType,
  type EventRun,
  type EventSwitches,
  type LaunchEventType,
} from "./eventRuntime";
import { MemoryStorage, RoamingStore, type KeyValueStorage } from "./roaming";
import { AppointmentStore } from "./store";
import { compareVersions } from "./versions";
import {
  isAsyncMethodName,
  type AppointmentInit,
  type AsyncMethodName,
  type BodyType,
  type CallRecord,
  type CallbackErrorRecord,
  type CommandRun,
  type FormFactor,
  type InjectedError,
  type JsonValue,
  type OfficeErrorInfo,
  type ThemeName,
  type WorkbenchApi,
  type WorkbenchConfig,
} from "./types";

/** The id of the add-in's one-click command (`Office.actions.associate("addBlueJeansMeeting", fn)`). */
export const COMMAND_ACTION_ID = "addBlueJeansMeeting";
export const DEFAULT_LATENCY_MS = 4;
export const DEFAULT_MAILBOX_VERSION = "1.14";
const ACTION_WAIT_MS = 15_000;

export const DEFAULT_USER_PROFILE: UserProfileValue = {
  displayName: "Alex Wilber",
  emailAddress: "alexw@contoso.com",
  timeZone: "Pacific Standard Time",
  accountType: "enterprise",
};

export type ChangeTopic =
  | "state"
  | "roaming"
  | "calls"
  | "commands"
  | "theme"
  | "failures"
  | "requirements"
  | "taskpane"
  | "errors"
  | "naa"
  | "dialog"
  | "events";

/** Outlook's Smart Alerts dialog while a send is held. */
export interface SmartAlert {
  message: string;
}

/** What pressing Send came to. */
export interface SendOutcome {
  sent: boolean;
  /** The Smart Alert shown, when the add-in held the send. */
  alert: string | null;
  /** The person's answer to it. */
  choice: "send-anyway" | "dont-send" | null;
}

/** What the page's UI lets the host do with the frames (absent in unit tests). */
export interface UiHooks {
  openTaskPane(): Promise<void>;
  closeTaskPane(): void;
  isTaskPaneOpen(): boolean;
  reloadCommands(): Promise<void>;
  /** Shows a page in the workbench's dialog; `onClosed` runs when the person closes it. */
  openDialog?(url: string, onClosed: () => void): void;
  closeDialog?(): void;
}

export interface HostOptions {
  config?: WorkbenchConfig;
  /** Where roaming settings live; defaults to an in-memory store. The page passes localStorage. */
  storage?: KeyValueStorage;
  /** Clock for the call log; defaults to `performance.now()`. */
  now?: () => number;
  /** How the fake Outlook bridge reaches the local identity provider (tests replace it). */
  naaRequestToken?: NaaBridgeOptions["requestToken"];
}

interface FrameState {
  name: string;
  realm: typeof globalThis;
  doc: Document | undefined;
  actions: Map<string, (event: unknown) => void>;
  ready: boolean;
}

interface FailureSwitch {
  queue: OfficeErrorInfo[];
  always: OfficeErrorInfo | null;
}

/**
 * Reads `?body=html|text&theme=dark&fresh=1&latency=20&naa=1&mailbox=1.13&form=phone&email=a@b.com&account=outlookCom`
 * over a base config. `email` and `account` set the mailbox user's address and account type, e.g. a
 * domain the identity provider does not know, or a personal account.
 */
export function configFromQuery(search: string, base: WorkbenchConfig = {}): WorkbenchConfig {
  const params = new URLSearchParams(search);
  const config: WorkbenchConfig = { ...base, appointment: { ...base.appointment } };
  const body = params.get("body");
  if (body === "html" || body === "text") config.bodyType = body;
  const theme = params.get("theme");
  if (theme === "dark" || theme === "light") config.theme = theme;
  const fresh = params.get("fresh");
  if (fresh !== null) config.fresh = fresh !== "0" && fresh !== "false";
  const latency = params.get("latency");
  if (latency !== null && Number.isFinite(Number(latency))) config.latency = Math.max(0, Number(latency));
  const naa = params.get("naa");
  if (naa !== null) config.nestedAppAuth = naa !== "0" && naa !== "false";
  const mailbox = params.get("mailbox");
  if (mailbox !== null && /^\d+(\.\d+)*$/.test(mailbox)) config.mailboxVersion = mailbox;
  const email = params.get("email");
  const account = params.get("account");
  if (email !== null || account !== null) {
    config.userProfile = {
      ...base.userProfile,
      ...(email !== null && /^[^\s@]+@[^\s@]+$/.test(email) ? { emailAddress: email } : {}),
      ...(account !== null && /^[A-Za-z]{1,32}$/.test(account) ? { accountType: account } : {}),
    };
  }
  const form = params.get("form");
  if (form === "phone" || form === "desktop") config.formFactor = form;
  return config;
}

function preview(value: unknown): string {
  if (typeof value === "function") return "[function]";
  if (value === undefined) return "undefined";
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function toJson(value: unknown): JsonValue | null {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  } catch {
    return String(value);
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error || (typeof error === "object" && error !== null && "message" in error)) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

export class WorkbenchHost {
  readonly store: AppointmentStore;
  readonly roaming: RoamingStore;
  private readonly now: () => number;
  private readonly profile: UserProfileValue;
  private themeName: ThemeName;
  private readonly requirementSets = new Map<string, string>();
  private readonly switches = new Map<AsyncMethodName, FailureSwitch>();
  private defaultLatency: number;
  private readonly methodLatency = new Map<AsyncMethodName, number>();
  private log: CallRecord[] = [];
  private nextCallId = 1;
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly frames = new Map<string, FrameState>();
  private readonly runs: CommandRun[] = [];
  private nextRunId = 1;
  private readonly errors: CallbackErrorRecord[] = [];
  private readonly listeners = new Set<(topic: ChangeTopic) => void>();
  private readonly actionWaiters = new Set<() => void>();
  private ui: UiHooks | null = null;
  private readonly form: FormFactor;
  private readonly naaLog: NaaCallRecord[] = [];
  /** The one dialog Office allows at a time, and whom to tell about it. */
  private dialog: { notify: (notice: DialogNotice) => void } | null = null;
  private readonly naaRequestToken: NaaBridgeOptions["requestToken"];
  private events: EventRuntime | null = null;
  private alert: { message: string; answer: (choice: "send-anyway" | "dont-send") => void } | null = null;
  private sentCount = 0;

  constructor(options: HostOptions = {}) {
    const config = options.config ?? {};
    this.now = options.now ?? (() => performance.now());
    this.naaRequestToken = options.naaRequestToken;
    this.form = config.formFactor ?? "desktop";
    // Outlook on phones reports plain-text bodies.
    const bodyType = config.bodyType ?? (this.form === "phone" ? "text" : undefined);
    this.store = new AppointmentStore({
      ...config.appointment,
      ...(bodyType ? { bodyType } : {}),
    });
    this.roaming = new RoamingStore(options.storage ?? new MemoryStorage());
    if (config.fresh) this.roaming.clear();
    this.profile = { ...DEFAULT_USER_PROFILE, ...config.userProfile };
    this.themeName = config.theme ?? "light";
    this.defaultLatency = config.latency ?? DEFAULT_LATENCY_MS;
    this.requirementSets.set("mailbox", config.mailboxVersion ?? DEFAULT_MAILBOX_VERSION);
    if (config.nestedAppAuth) this.requirementSets.set("nestedappauth", "1.1");
    this.store.subscribe(() => this.emit("state"));
    this.roaming.subscribe(() => this.emit("roaming"));
  }

  // ---- Change notifications (for the page UI) --------------------------------------------------------

  onChange(listener: (topic: ChangeTopic) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(topic: ChangeTopic): void {
    for (const listener of Array.from(this.listeners)) listener(topic);
  }

  /** "phone" when the workbench plays Outlook on a phone. */
  formFactor(): FormFactor {
    return this.form;
  }

  attachUi(hooks: UiHooks): void {
    this.ui = hooks;
  }

  // ---- Frames ---------------------------------------------------------------------------------------

  officeFor(frameWindow: Window, options: { name?: string } = {}): typeof Office {
    const realm = frameWindow as unknown as typeof globalThis;
    const name = options.name ?? this.frameNameOf(frameWindow);
    const frame: FrameState = {
      name,
      realm,
      doc: realm.document as Document | undefined,
      actions: new Map(),
      ready: false,
    };
    this.frames.set(name, frame);
    const backend: FrameBackend = {
      frameName: name,
      store: this.store,
      request: <T>(req: AsyncRequest<T>) => this.request(frame, req),
      loadRoamingSettings: () => this.roaming.load(),
      saveRoamingSettings: (json) => this.roaming.save(json),
      theme: () => this.themeName,
      isSetSupported: (set, min) => this.isSetSupported(set, min),
      userProfile: () => ({ ...this.profile }),
      hostVersion: () => "20250601003.12",
      platform: () => (this.form === "phone" ? "Android" : "OfficeOnline"),
      readyDelay: () => this.defaultLatency,
      associate: (actionId, fn) => {
        frame.actions.set(actionId, fn);
        this.wakeActionWaiters();
      },
      frameReady: () => {
        frame.ready = true;
        this.wakeActionWaiters();
      },
      reportCallbackError: (source, error) => this.reportCallbackError(frame, source, error),
      authContext: () => this.authContext(),
      openDialog: (url, notify) => this.openDialog(url, notify),
      messageParent: (message) => this.messageParent(frame, message),
    };
    return createOfficeNamespace(realm, backend);
  }

  private frameNameOf(frameWindow: Window): string {
    try {
      const attr = frameWindow.frameElement?.getAttribute("data-workbench-frame");
      if (attr) return attr;
      return frameWindow.location.pathname;
    } catch {
      return "frame";
    }
  }

  private alive(frame: FrameState): boolean {
    try {
      const closed = (frame.realm as unknown as { closed?: boolean }).closed === true;
      return !closed && frame.realm.document === frame.doc;
    } catch {
      return false;
    }
  }

  private reportCallbackError(frame: FrameState, source: string, error: unknown): void {
    this.errors.push({ frame: frame.name, source, message: errorMessage(error), at: this.now() });
    try {
      (this.alive(frame) ? frame.realm.console : console).error(`[workbench] ${source} threw:`, error);
    } catch {
      // The frame is gone; the record above is enough.
    }
    this.emit("errors");
  }

  // ---- Asynchronous calls -----------------------------------------------------------------------------

  private request<T>(frame: FrameState, req: AsyncRequest<T>): void {
    const record: CallRecord = {
      id: this.nextCallId++,
      method: req.method,
      frame: frame.name,
      start: this.now(),
      end: null,
      status: "pending",
      error: null,
      injected: false,
      args: req.args.map(preview),
    };
    this.log.push(record);
    this.pending += 1;
    const injected = req.presetError ? null : this.takeFailure(req.method);
    const generation = this.store.generation;
    this.emit("calls");

    setTimeout(() => {
      let value: T | undefined;
      let error: OfficeErrorInfo | null = null;
      if (req.presetError) {
        error = { ...req.presetError };
      } else if (injected) {
        error = injected;
        record.injected = true;
      } else if (req.itemBound && this.store.generation !== generation) {
        error = { ...OUTLOOK_ERRORS.APICallFailedDueToItemChange };
      } else {
        try {
          value = req.run();
        } catch (thrown) {
          error =
            thrown instanceof OfficeHostError
              ? thrown.info()
              : { ...OUTLOOK_ERRORS.GenericResponseError, message: errorMessage(thrown) };
        }
      }
      record.end = this.now();
      record.status = error ? "failed" : "succeeded";
      record.error = error;
      this.pending -= 1;
      this.emit("calls");
      this.deliver(frame, req, value, error);
      if (this.pending === 0) this.scheduleIdleCheck();
    }, this.latency(req.method));
  }

  private deliver<T>(
    frame: FrameState,
    req: AsyncRequest<T>,
    value: T | undefined,
    error: OfficeErrorInfo | null,
  ) {
    const callback = req.callback;
    if (!callback || !this.alive(frame)) return;
    const result = {
      value: error ? undefined : value,
      status: error ? "failed" : "succeeded",
      error: error ? { ...error } : undefined,
      asyncContext: req.asyncContext,
      diagnostics: undefined,
    };
    try {
      callback(result);
    } catch (thrown) {
      this.reportCallbackError(frame, `${req.method} callback`, thrown);
    }
  }

  private scheduleIdleCheck(): void {
    setTimeout(() => {
      if (this.pending !== 0) return;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }, 0);
  }

  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      if (this.pending === 0) this.scheduleIdleCheck();
    });
  }

  // ---- Failure switches and latency -----------------------------------------------------------------

  private switchFor(method: AsyncMethodName): FailureSwitch {
    let sw = this.switches.get(method);
    if (!sw) {
      sw = { queue: [], always: null };
      this.switches.set(method, sw);
    }
    return sw;
  }

  private takeFailure(method: AsyncMethodName): OfficeErrorInfo | null {
    const sw = this.switches.get(method);
    if (!sw) return null;
    const next = sw.queue.shift();
    if (next) {
      this.emit("failures");
      return { ...next };
    }
    return sw.always ? { ...sw.always } : null;
  }

  private checkMethod(method: string): AsyncMethodName {
    if (!isAsyncMethodName(method)) throw new Error(`Unknown Office method "${method}"`);
    return method;
  }

  failNext(method: AsyncMethodName, error?: InjectedError): void {
    const m = this.checkMethod(method);
    this.switchFor(m).queue.push(resolveInjectedError(m, error));
    this.emit("failures");
  }

  setFailure(method: AsyncMethodName, on: boolean, error?: InjectedError): void {
    const m = this.checkMethod(method);
    this.switchFor(m).always = on ? resolveInjectedError(m, error) : null;
    this.emit("failures");
  }

  clearFailures(): void {
    this.switches.clear();
    this.emit("failures");
  }

  failures(): Record<string, { pending: number; always: boolean }> {
    const out: Record<string, { pending: number; always: boolean }> = {};
    for (const [method, sw] of this.switches) {
      if (sw.queue.length > 0 || sw.always)
        out[method] = { pending: sw.queue.length, always: sw.always !== null };
    }
    return out;
  }

  setLatency(ms: number, method?: AsyncMethodName): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Invalid latency ${ms}`);
    if (method === undefined) this.defaultLatency = ms;
    else this.methodLatency.set(this.checkMethod(method), ms);
  }

  latency(method?: AsyncMethodName): number {
    return (method !== undefined ? this.methodLatency.get(method) : undefined) ?? this.defaultLatency;
  }

  // ---- Call log -------------------------------------------------------------------------------------

  calls(): CallRecord[] {
    return this.log.map((c) => ({ ...c, error: c.error ? { ...c.error } : null, args: [...c.args] }));
  }

  clearCalls(): void {
    this.log = [];
    this.emit("calls");
  }

  /** Calls that overlap in time form one round; a call started after all earlier ones ended starts a new round. */
  rounds(calls: CallRecord[] = this.log): number {
    const sorted = [...calls].sort((a, b) => a.start - b.start);
    let count = 0;
    let roundEnd = Number.NEGATIVE_INFINITY;
    for (const call of sorted) {
      const end = call.end ?? Number.POSITIVE_INFINITY;
      if (call.start >= roundEnd) {
        count += 1;
        roundEnd = end;
      } else {
        roundEnd = Math.max(roundEnd, end);
      }
    }
    return count;
  }

  callbackErrors(): CallbackErrorRecord[] {
    return this.errors.map((e) => ({ ...e }));
  }

  // ---- Theme and requirement sets ---------------------------------------------------------------------

  theme(): ThemeName {
    return this.themeName;
  }

  setTheme(theme: ThemeName): void {
    if (theme !== "light" && theme !== "dark") throw new Error(`Unknown theme ${String(theme)}`);
    this.themeName = theme;
    this.emit("theme");
  }

  setRequirement(name: string, maxVersion: string | null): void {
    if (maxVersion === null) this.requirementSets.delete(name.toLowerCase());
    else this.requirementSets.set(name.toLowerCase(), maxVersion);
    this.emit("requirements");
  }

  requirement(name: string): string | null {
    return this.requirementSets.get(name.toLowerCase()) ?? null;
  }

  isSetSupported(name: string, minVersion?: string | number): boolean {
    if (typeof name !== "string") return false;
    const max = this.requirementSets.get(name.toLowerCase());
    if (max === undefined) return false;
    if (minVersion === undefined || minVersion === null || minVersion === "") return true;
    return compareVersions(max, String(minVersion)) >= 0;
  }

  // ---- Dialogs (Office.context.ui) --------------------------------------------------------------------

  openDialog(url: string, notify: (notice: DialogNotice) => void): DialogOpening {
    if (this.dialog) {
      return {
        ok: false,
        error: {
          code: 12007,
          name: "Dialog already open",
          message: "A dialog box is already opened from this add-in.",
        },
      };
    }
    const ui = this.ui;
    if (!ui?.openDialog) {
      return {
        ok: false,
        error: { code: 12009, name: "Dialog not shown", message: "The workbench page shows no dialogs." },
      };
    }
    const opened = { notify };
    this.dialog = opened;
    ui.openDialog(url, () => {
      if (this.dialog !== opened) return;
      this.dialog = null;
      notify({ kind: "event", error: 12006 }); // the person closed it
    });
    this.emit("dialog");
    return {
      ok: true,
      close: () => {
        if (this.dialog !== opened) return;
        this.dialog = null;
        ui.closeDialog?.();
        this.emit("dialog");
      },
    };
  }

  private messageParent(frame: FrameState, message: string): boolean {
    if (frame.name !== "dialog" || !this.dialog) return false;
    let origin = "";
    try {
      origin = frame.realm.location.origin;
    } catch {
      // The dialog went to another origin: Office reports no origin then either.
    }
    this.dialog.notify({ kind: "message", message, origin });
    return true;
  }

  isDialogOpen(): boolean {
    return this.dialog !== null;
  }

  // ---- Nested app authentication (Outlook's token bridge) -------------------------------------------

  /** Office.auth.getAuthContext() with NestedAppAuth 1.1: the local identity provider's organisation. */
  authContext(): {
    tenantId: string;
    userPrincipalName: string;
    userObjectId: string;
    authorityType: string;
  } | null {
    if (!this.isSetSupported("NestedAppAuth", "1.1")) return null;
    return {
      tenantId: DEV_TENANT_ID,
      userPrincipalName: this.profile.emailAddress,
      userObjectId: "",
      authorityType: "AAD",
    };
  }

  /** The fake bridge for one add-in frame, when NestedAppAuth 1.1 is on (else Outlook offers none). */
  nestedAppAuthBridgeFor(_frameWindow: Window): NaaBridge | undefined {
    if (!this.isSetSupported("NestedAppAuth", "1.1")) return undefined;
    return createNaaBridge({
      ...(this.naaRequestToken ? { requestToken: this.naaRequestToken } : {}),
      onCall: (record) => {
        this.naaLog.push(record);
        this.emit("naa");
      },
    });
  }

  naaCalls(): NaaCallRecord[] {
    return this.naaLog.map((r) => ({ ...r }));
  }

  // ---- Commands ---------------------------------------------------------------------------------------

  private wakeActionWaiters(): void {
    for (const wake of Array.from(this.actionWaiters)) wake();
  }

  actions(): string[] {
    const names = new Set<string>();
    for (const frame of this.frames.values()) for (const name of frame.actions.keys()) names.add(name);
    return [...names];
  }

  private findAction(actionId: string): { frame: FrameState; fn: (event: unknown) => void } | null {
    const ordered = [this.frames.get("commands"), ...this.frames.values()];
    for (const frame of ordered) {
      if (!frame || !frame.ready || !this.alive(frame)) continue;
      const fn = frame.actions.get(actionId);
      if (fn) return { frame, fn };
    }
    return null;
  }

  private waitForAction(actionId: string): Promise<{ frame: FrameState; fn: (event: unknown) => void }> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.findAction(actionId);
        if (!found) return false;
        cleanup();
        // Let the frame's onReady continuations run first, as Outlook starts the function after initialisation.
        setTimeout(() => resolve(found), 0);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No function was associated with "${actionId}" within ${ACTION_WAIT_MS / 1000} s`));
      }, ACTION_WAIT_MS);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.actionWaiters.delete(waiter);
      };
      const waiter = (): void => {
        check();
      };
      this.actionWaiters.add(waiter);
      check();
    });
  }

  commandRuns(): CommandRun[] {
    return this.runs.map((r) => ({ ...r }));
  }

  runCommand(actionId: string = COMMAND_ACTION_ID): Promise<CommandRun> {
    const run: CommandRun = {
      id: this.nextRunId++,
      actionId,
      startedAt: this.now(),
      completedAt: null,
      completedCount: 0,
      completedOptions: null,
      error: null,
    };
    this.runs.push(run);
    this.emit("commands");
    return this.waitForAction(actionId).then(
      ({ frame, fn }) =>
        new Promise<CommandRun>((resolve) => {
          const event = frame.realm.JSON.parse(JSON.stringify({ source: { id: actionId } })) as {
            source: { id: string };
            completed?: (options?: unknown) => void;
          };
          event.completed = (options?: unknown): void => {
            run.completedCount += 1;
            if (run.completedCount === 1) {
              run.completedAt = this.now();
              run.completedOptions = toJson(options);
              resolve({ ...run });
            }
            this.emit("commands");
          };
          try {
            fn(event);
          } catch (thrown) {
            this.reportCallbackError(frame, `action "${actionId}"`, thrown);
          }
        }),
      (reason: unknown) => {
        run.error = errorMessage(reason);
        this.emit("commands");
        return { ...run };
      },
    );
  }

  isCommandRunning(): boolean {
    return this.runs.some((r) => r.completedAt === null && r.error === null);
  }

  // ---- Event-based activation ---------------------------------------------------------------------------

  /** Starts the event runtime (a Web Worker running the add-in's event script). The page calls this. */
  attachEvents(realm: Window, workerUrl: string, scriptUrl: string): EventRuntime {
    const runtime = new EventRuntime(
      {
        officeFor: (frame, options) => this.officeFor(frame, options),
        snapshot: () => this.workerSnapshot(realm),
        getToken: () => this.eventToken(realm),
        callCount: (frame) => this.log.filter((c) => c.frame === frame).length,
        now: () => this.now(),
        changed: () => this.emit("events"),
      },
      realm,
      workerUrl,
      scriptUrl,
    );
    this.events = runtime;
    return runtime;
  }

  eventRuntime(): EventRuntime | null {
    return this.events;
  }

  private workerSnapshot(realm: Window): WorkerSnapshot {
    const ns = this.officeFor(realm, { name: "events-snapshot" }) as unknown as Record<string, unknown>;
    const enums: Record<string, JsonValue> = {};
    for (const key of ["AsyncResultStatus", "CoercionType", "MailboxEnums", "HostType", "PlatformType"]) {
      enums[key] = JSON.parse(JSON.stringify(ns[key])) as JsonValue;
    }
    this.frames.delete("events-snapshot");
    return {
      profile: { ...this.profile },
      diagnostics: { hostName: "OutlookWebApp", hostVersion: "20250601003.12" },
      roaming: this.roaming.load(),
      requirements: Object.fromEntries(this.requirementSets),
      enums,
      hasRecurrence: this.isSetSupported("Mailbox", "1.7"),
    };
  }

  /** Single sign-on for the event runtime: a silent token from the local identity provider. */
  private async eventToken(realm: Window): Promise<string> {
    const config = (await (await realm.fetch("/config.json", { cache: "no-store" })).json()) as {
      clientId?: string;
    };
    const clientId = config.clientId ?? "";
    const answer = (await (
      await realm.fetch("/__dev/idp/naa", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          method: "GetToken",
          clientId,
          scope: `api://${realm.location.host}/${clientId}/access_as_user`,
        }),
      })
    ).json()) as { ok?: boolean; token?: { access_token?: string }; error?: { code?: string } };
    if (answer.ok === true && typeof answer.token?.access_token === "string")
      return answer.token.access_token;
    throw new Error(`sign-in needs the person (${answer.error?.code ?? "no token"})`);
  }

  fireEvent(type: string): Promise<EventRun | null> {
    if (!isLaunchEventType(type)) return Promise.reject(new Error(`Unknown event ${type}`));
    if (!this.events) return Promise.reject(new Error("The workbench runs no event runtime"));
    return this.events.fire(type);
  }

  /** Patches the appointment as the person edits it and raises the events Outlook would. */
  edit(patch: AppointmentInit): void {
    const before = this.store.snapshot();
    this.store.update(patch);
    const after = this.store.snapshot();
    const fire = (type: LaunchEventType) => void this.fireEvent(type).catch(() => undefined);
    if (before.start !== after.start || before.end !== after.end) fire("OnAppointmentTimeChanged");
    if (before.attendees !== after.attendees) fire("OnAppointmentAttendeesChanged");
    if (JSON.stringify(before.recurrence) !== JSON.stringify(after.recurrence))
      fire("OnAppointmentRecurrenceChanged");
  }

  /** Send: runs OnAppointmentSend; a held send shows the Smart Alert until the person answers. */
  async send(): Promise<SendOutcome> {
    const run = this.events ? await this.fireEvent("OnAppointmentSend") : null;
    const options = run?.completedOptions as { allowEvent?: boolean; errorMessage?: string } | null;
    if (!run || options?.allowEvent !== false) {
      this.sentCount += 1;
      this.emit("events");
      return { sent: true, alert: null, choice: null };
    }
    const message = options.errorMessage ?? "The add-in stopped this send.";
    const choice = await new Promise<"send-anyway" | "dont-send">((resolve) => {
      this.alert = { message, answer: resolve };
      this.emit("events");
    });
    this.alert = null;
    if (choice === "send-anyway") this.sentCount += 1;
    this.emit("events");
    return { sent: choice === "send-anyway", alert: message, choice };
  }

  smartAlert(): SmartAlert | null {
    return this.alert ? { message: this.alert.message } : null;
  }

  answerSmartAlert(choice: "send-anyway" | "dont-send"): void {
    this.alert?.answer(choice);
  }

  sends(): number {
    return this.sentCount;
  }

  // ---- The public surface (window.__workbench) ---------------------------------------------------------

  private requireUi(): UiHooks {
    if (!this.ui) throw new Error("The workbench UI is not mounted");
    return this.ui;
  }

  api(): WorkbenchApi {
    return {
      officeFor: (frameWindow, options) => this.officeFor(frameWindow, options),
      state: () => this.store.snapshot(),
      setState: (patch: AppointmentInit) => this.store.update(patch),
      reset: (init?: AppointmentInit) => this.store.reset(init),
      setBody: (content: string, bodyType?: BodyType) => this.store.setBodyRaw(content, bodyType),
      setBodyType: (bodyType: BodyType) => this.store.setBodyType(bodyType),
      readBody: (coercionType: BodyType) => this.store.readBody(coercionType),
      customProperties: () => this.store.customProperties(),
      notifications: () => this.store.notifications(),
      dismissNotification: (key: string) => this.store.dismissNotification(key),
      roamingSettings: () => this.roaming.load(),
      clearRoamingSettings: () => this.roaming.clear(),
      failNext: (method, error) => this.failNext(method, error),
      setFailure: (method, on, error) => this.setFailure(method, on, error),
      clearFailures: () => this.clearFailures(),
      failures: () => this.failures(),
      setLatency: (ms, method) => this.setLatency(ms, method),
      latency: (method) => this.latency(method),
      calls: () => this.calls(),
      clearCalls: () => this.clearCalls(),
      rounds: (calls) => this.rounds(calls),
      idle: () => this.idle(),
      callbackErrors: () => this.callbackErrors(),
      theme: () => this.theme(),
      setTheme: (theme) => this.setTheme(theme),
      setRequirement: (name, maxVersion) => this.setRequirement(name, maxVersion),
      openTaskPane: () => this.requireUi().openTaskPane(),
      closeTaskPane: () => this.requireUi().closeTaskPane(),
      isTaskPaneOpen: () => (this.ui ? this.ui.isTaskPaneOpen() : false),
      runCommand: () => this.runCommand(),
      commandRuns: () => this.commandRuns(),
      actions: () => this.actions(),
      reloadCommands: () => this.requireUi().reloadCommands(),
      nestedAppAuthBridgeFor: (frameWindow) => this.nestedAppAuthBridgeFor(frameWindow),
      naaCalls: () => this.naaCalls(),
      isDialogOpen: () => this.isDialogOpen(),
      fireEvent: (type) => this.fireEvent(type),
      eventRuns: () => this.events?.runs() ?? [],
      eventErrors: () => this.events?.errors() ?? [],
      eventSwitches: (patch) => Object.assign(this.events?.switches ?? {}, patch ?? {}) as EventSwitches,
      edit: (patch) => this.edit(patch),
      send: () => this.send(),
      smartAlert: () => this.smartAlert(),
      answerSmartAlert: (choice) => this.answerSmartAlert(choice),
      sends: () => this.sends(),
    };
  }
}
