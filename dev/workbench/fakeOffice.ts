/**
 * The `Office` namespace one add-in frame sees, modelled on Outlook's office.js for an appointment in compose mode.
 *
 * Like office.js it checks arguments synchronously (throwing `Sys.*Exception` errors) and answers every *Async call
 * later through the callback with an AsyncResult `{ status, value, error, asyncContext, diagnostics }`.
 * `Office.context` exists only once the frame is ready (after DOMContentLoaded), as in Office; `Office.onReady`,
 * `Office.initialize` and `Office.actions.associate` work from the start.
 *
 * Values handed to the add-in (Dates, arrays, objects) are made with the frame's own constructors so `instanceof`
 * checks inside the add-in hold.
 */
import { OUTLOOK_ERRORS, sysException, type SysExceptionKind } from "./errors";
import { serializeRoamingSettings, ROAMING_SETTINGS_LIMIT } from "./roaming";
import type { AppointmentStore } from "./store";
import type {
  AsyncMethodName,
  BodyType,
  JsonValue,
  NotificationRecord,
  OfficeErrorInfo,
  ThemeName,
} from "./types";

export const MAX_BODY_LENGTH = 1_000_000;
export const MAX_SUBJECT_LENGTH = 255;
export const MAX_LOCATION_LENGTH = 255;
export const MAX_CUSTOM_PROPERTIES_LENGTH = 2500;
export const MAX_NOTIFICATION_KEY_LENGTH = 32;
export const MAX_NOTIFICATION_ICON_LENGTH = 32;
export const MAX_NOTIFICATION_MESSAGE_LENGTH = 150;
export const MAX_NOTIFICATION_ACTION_TEXT_LENGTH = 30;

type Callback = (result: unknown) => void;

/** One asynchronous call as the fake namespace hands it to the host. */
export interface AsyncRequest<T> {
  method: AsyncMethodName;
  args: unknown[];
  callback: Callback | undefined;
  asyncContext: unknown;
  /** Runs when the host answers (unless a failure is injected); throws `OfficeHostError` to fail. */
  run: () => T;
  /** Calls on the item fail with APICallFailedDueToItemChange if the item changed while they were in flight. */
  itemBound: boolean;
  /** Answer this error without running (checks office.js reports through the callback). */
  presetError?: OfficeErrorInfo;
}

export interface UserProfileValue {
  displayName: string;
  emailAddress: string;
  timeZone: string;
  accountType: string;
}

/** What an open dialog reports to the frame that opened it. */
export type DialogNotice =
  { kind: "message"; message: string; origin: string } | { kind: "event"; error: number };

export type DialogOpening = { ok: true; close(): void } | { ok: false; error: OfficeErrorInfo };

/** What the workbench host provides to one frame's namespace. */
export interface FrameBackend {
  readonly frameName: string;
  readonly store: AppointmentStore;
  request<T>(req: AsyncRequest<T>): void;
  loadRoamingSettings(): Record<string, JsonValue>;
  saveRoamingSettings(json: string): void;
  theme(): ThemeName;
  isSetSupported(name: string, minVersion?: string | number): boolean;
  userProfile(): UserProfileValue;
  hostVersion(): string;
  /** Delay between DOMContentLoaded and Office being ready, in ms. */
  readyDelay(): number;
  associate(actionId: string, fn: (event: unknown) => void): void;
  frameReady(): void;
  reportCallbackError(source: string, error: unknown): void;
  /** Office.auth.getAuthContext() (NestedAppAuth 1.1); null where the host does not offer it. */
  authContext?(): Record<string, string> | null;
  /** Office.context.ui.displayDialogAsync: shows `url` in the host's dialog. */
  openDialog?(url: string, notify: (notice: DialogNotice) => void): DialogOpening;
  /** Office.context.ui.messageParent from a dialog frame; false when this frame is no dialog. */
  messageParent?(message: string): boolean;
  /** Office.context.platform: "OfficeOnline" unless the workbench plays a phone ("Android"). */
  platform?(): string;
}

/** The realm (window) of the frame: its constructors and timers. */
export type FrameRealm = typeof globalThis;

interface ParsedArgs {
  callback: Callback | undefined;
  options: Record<string, unknown> | undefined;
  asyncContext: unknown;
}

const THEMES: Record<ThemeName, Record<string, string | boolean>> = {
  light: {
    bodyBackgroundColor: "#ffffff",
    bodyForegroundColor: "#242424",
    controlBackgroundColor: "#ffffff",
    controlForegroundColor: "#242424",
    isDarkTheme: false,
  },
  dark: {
    bodyBackgroundColor: "#292929",
    bodyForegroundColor: "#ffffff",
    controlBackgroundColor: "#3d3d3d",
    controlForegroundColor: "#ffffff",
    isDarkTheme: true,
  },
};

const NOTIFICATION_TYPES = ["informationalMessage", "progressIndicator", "errorMessage", "insightMessage"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/**
 * Builds the Office namespace for one frame. `realm` is the frame's window (in unit tests, jsdom's window).
 */
export function createOfficeNamespace(realm: FrameRealm, backend: FrameBackend): typeof Office {
  const FrameError = realm.Error ?? Error;
  const FrameDate = realm.Date ?? Date;
  const FramePromise = realm.Promise ?? Promise;
  const FrameJSON = realm.JSON ?? JSON;

  const fail = (kind: SysExceptionKind, param?: string, detail?: string): Error =>
    sysException(FrameError, kind, param, detail);

  /** Copies plain data into the frame's realm. */
  const toFrame = <T>(value: T): T =>
    value === undefined ? value : (FrameJSON.parse(JSON.stringify(value)) as T);

  /** office.js's argument convention after the required parameters: [], [callback], [options], [options, callback]. */
  const parseArgs = (args: unknown[], callbackRequired: boolean, legacy = false): ParsedArgs => {
    const parsed: ParsedArgs = { callback: undefined, options: undefined, asyncContext: undefined };
    if (legacy && (args.length === 1 || args.length === 2) && typeof args[0] === "function") {
      parsed.callback = args[0] as Callback;
      if (args.length === 2) parsed.asyncContext = args[1];
      return parsed;
    }
    if (args.length === 1) {
      if (typeof args[0] === "function") parsed.callback = args[0] as Callback;
      else if (isObject(args[0])) parsed.options = args[0];
      else throw fail("ArgumentType");
    } else if (args.length === 2) {
      if (!isObject(args[0])) throw fail("Argument", "options");
      if (typeof args[1] !== "function") throw fail("Argument", "callback");
      parsed.options = args[0];
      parsed.callback = args[1] as Callback;
    } else if (args.length !== 0) {
      throw fail("ParameterCount");
    }
    if (callbackRequired && !parsed.callback) throw fail("ArgumentNull", "callback");
    if (parsed.options && parsed.options.asyncContext !== undefined) {
      parsed.asyncContext = parsed.options.asyncContext;
    }
    return parsed;
  };

  const send = <T>(
    method: AsyncMethodName,
    args: unknown[],
    parsed: ParsedArgs,
    run: () => T,
    extra: { itemBound?: boolean; presetError?: OfficeErrorInfo } = {},
  ): void => {
    backend.request<T>({
      method,
      args,
      callback: parsed.callback,
      asyncContext: parsed.asyncContext,
      run,
      itemBound: extra.itemBound ?? true,
      ...(extra.presetError ? { presetError: extra.presetError } : {}),
    });
  };

  const store = backend.store;

  // ---- Body ------------------------------------------------------------------------------------------

  const readCoercion = (value: unknown): BodyType => {
    if (value === "html" || value === "text") return value;
    throw fail("Argument", "coercionType");
  };

  /** The coercion type of a write: options.coercionType if it is a string (else text, as office.js defaults). */
  const writeCoercion = (parsed: ParsedArgs): BodyType | "invalid" => {
    const value = parsed.options?.coercionType;
    if (typeof value !== "string") return "text";
    return value === "html" || value === "text" ? value : "invalid";
  };

  const validateBodyData = (data: unknown): string => {
    if (typeof data !== "string") throw fail("ArgumentType", "data");
    if (data.length > MAX_BODY_LENGTH) throw fail("ArgumentOutOfRange", "data");
    return data;
  };

  const bodyWrite =
    (method: "body.setAsync" | "body.prependAsync" | "body.setSelectedDataAsync") =>
    (data: unknown, ...args: unknown[]): void => {
      const parsed = parseArgs(args, false);
      const text = validateBodyData(data);
      const coercion = writeCoercion(parsed);
      if (coercion === "invalid") {
        send(method, [data, ...args], parsed, () => undefined, {
          presetError: { ...OUTLOOK_ERRORS.InvalidCoercionType },
        });
        return;
      }
      send(method, [data, ...args], parsed, () => {
        if (method === "body.setAsync") store.writeBody(text, coercion);
        else store.prependBody(text, coercion);
        return undefined;
      });
    };

  const body = {
    getAsync(coercionType: unknown, ...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      const coercion = readCoercion(coercionType);
      send("body.getAsync", [coercionType, ...args], parsed, () => store.readBody(coercion));
    },
    getTypeAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      send("body.getTypeAsync", args, parsed, () => store.bodyType);
    },
    setAsync: bodyWrite("body.setAsync"),
    prependAsync: bodyWrite("body.prependAsync"),
    setSelectedDataAsync: bodyWrite("body.setSelectedDataAsync"),
  };

  // ---- Subject, location, times, attendees -----------------------------------------------------------

  const subject = {
    getAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      send("subject.getAsync", args, parsed, () => store.subject);
    },
    setAsync(value: unknown, ...args: unknown[]): void {
      const parsed = parseArgs(args, false);
      if (typeof value !== "string") throw fail("ArgumentType", "subject");
      if (value.length > MAX_SUBJECT_LENGTH) throw fail("ArgumentOutOfRange", "subject");
      send("subject.setAsync", [value, ...args], parsed, () => store.setSubject(value));
    },
  };

  const location = {
    getAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      send("location.getAsync", args, parsed, () => store.location);
    },
    setAsync(value: unknown, ...args: unknown[]): void {
      const parsed = parseArgs(args, false);
      if (value === null || value === undefined) throw fail("ArgumentNull", "location");
      if (typeof value !== "string") throw fail("ArgumentType", "location");
      if (value.length > MAX_LOCATION_LENGTH) throw fail("ArgumentOutOfRange", "location");
      send("location.setAsync", [value, ...args], parsed, () => store.setLocation(value));
    },
  };

  const time = (which: "start" | "end") => ({
    getAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      send(
        `${which}.getAsync`,
        args,
        parsed,
        () => new FrameDate(which === "start" ? store.start : store.end),
      );
    },
  });

  /** item.recurrence (Mailbox 1.7): Outlook's Recurrence object, or null for a single appointment. */
  const recurrence = {
    getAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      send("recurrence.getAsync", args, parsed, () => {
        const series = store.recurrence;
        if (!series) return null;
        const start = new FrameDate(store.start);
        const pad = (n: number) => String(n).padStart(2, "0");
        const startDate =
          series.startDate ?? `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
        const startTime = `${pad(start.getHours())}:${pad(start.getMinutes())}`;
        const duration = Math.round((store.end - store.start) / 60000);
        const props: Record<string, unknown> = { interval: series.interval ?? 1 };
        for (const key of ["days", "dayOfMonth", "dayOfWeek", "weekNumber", "month"] as const) {
          if (series[key] !== undefined) props[key] = toFrame(series[key]);
        }
        const value = toFrame({
          recurrenceType: series.recurrenceType,
          recurrenceProperties: props,
          recurrenceTimeZone: { name: backend.userProfile().timeZone, offset: 0 },
        }) as Record<string, unknown>;
        value.seriesTime = {
          getStartDate: () => startDate,
          getEndDate: () => series.endDate ?? null,
          getStartTime: () => startTime,
          getEndTime: () => startTime,
          getDuration: () => duration,
        };
        return value;
      });
    },
  };

  const requiredAttendees = {
    getAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      send("requiredAttendees.getAsync", args, parsed, () => toFrame(store.attendeeDetails()));
    },
  };

  // ---- Custom properties ----------------------------------------------------------------------------

  const makeCustomProperties = (initial: Record<string, JsonValue>) => {
    const raw: Record<string, unknown> = toFrame(initial);
    const read = (name: string): unknown => {
      const value = raw[name];
      if (typeof value === "string") {
        const match = /^Date\((-?\d+)\)$/.exec(value);
        if (match) return new FrameDate(Number(match[1]));
      }
      return value;
    };
    return {
      get: (name: string): unknown => read(name),
      set(name: string, value: unknown): void {
        raw[name] = isDateValue(value) ? `Date(${value.getTime()})` : value;
      },
      remove(name: string): void {
        delete raw[name];
      },
      getAll(): Record<string, unknown> {
        const all: Record<string, unknown> = toFrame({});
        for (const name of Object.keys(raw)) all[name] = read(name);
        return all;
      },
      saveAsync(...args: unknown[]): void {
        const parsed = parseArgs(args, false, true);
        const json = JSON.stringify(raw);
        if (json.length > MAX_CUSTOM_PROPERTIES_LENGTH) throw fail("ArgumentOutOfRange", "customProperties");
        send("customProperties.saveAsync", args, parsed, () =>
          store.saveCustomProperties(JSON.parse(json) as Record<string, JsonValue>),
        );
      },
    };
  };

  // ---- Notification messages ------------------------------------------------------------------------

  const validateKey = (key: unknown): string => {
    if (key === null || key === undefined || key === "") throw fail("ArgumentNull", "key");
    if (typeof key !== "string") throw fail("ArgumentType", "key");
    if (key.length > MAX_NOTIFICATION_KEY_LENGTH) throw fail("ArgumentOutOfRange", "key");
    return key;
  };

  const validateStringParam = (name: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") throw fail("ArgumentNull", name);
    if (typeof value !== "string") throw fail("ArgumentType", name);
    return value;
  };

  const validateActions = (actions: unknown): JsonValue[] => {
    if (!Array.isArray(actions)) throw fail("Argument", "actions");
    if (actions.length > 1) throw fail("Argument", "actions", "Only one action is supported.");
    const action: unknown = actions[0];
    if (action === undefined) return [];
    if (!isObject(action)) throw fail("Argument", "actions");
    if (action.actionType === null || action.actionType === undefined)
      throw fail("ArgumentNull", "actionType");
    if (action.actionType !== "showTaskPane") throw fail("Argument", "actionType");
    if (typeof action.commandId !== "string" || action.commandId === "") throw fail("Argument", "commandId");
    if (typeof action.actionText !== "string" || action.actionText === "")
      throw fail("ArgumentNull", "actionText");
    if (action.actionText.length > MAX_NOTIFICATION_ACTION_TEXT_LENGTH) {
      throw fail("ArgumentOutOfRange", "actionText");
    }
    return JSON.parse(JSON.stringify(actions)) as JsonValue[];
  };

  /** office.js's checks on NotificationMessageDetails; returns the record to store. */
  const validateDetails = (key: string, details: unknown): NotificationRecord => {
    if (!isObject(details)) throw fail("ArgumentNull", "JSONmessage");
    const type = validateStringParam("type", details.type);
    const record: NotificationRecord = { key, type, message: "" };
    if (type === "informationalMessage") {
      const icon = validateStringParam("icon", details.icon);
      if (icon.length > MAX_NOTIFICATION_ICON_LENGTH) throw fail("ArgumentOutOfRange", "icon");
      if (details.persistent === null || details.persistent === undefined)
        throw fail("ArgumentNull", "persistent");
      if (typeof details.persistent !== "boolean") throw fail("ArgumentType", "persistent");
      if (details.actions !== null && details.actions !== undefined) throw fail("Argument", "actions");
      record.icon = icon;
      record.persistent = details.persistent;
    } else if (type === "insightMessage") {
      const icon = validateStringParam("icon", details.icon);
      if (icon.length > MAX_NOTIFICATION_ICON_LENGTH) throw fail("ArgumentOutOfRange", "icon");
      if (details.persistent !== null && details.persistent !== undefined)
        throw fail("Argument", "persistent");
      record.icon = icon;
      if (details.actions !== null && details.actions !== undefined)
        record.actions = validateActions(details.actions);
    } else {
      if (details.icon !== null && details.icon !== undefined) throw fail("Argument", "icon");
      if (details.persistent !== null && details.persistent !== undefined)
        throw fail("Argument", "persistent");
      if (details.actions !== null && details.actions !== undefined) throw fail("Argument", "actions");
    }
    const message = validateStringParam("message", details.message);
    if (message.length > MAX_NOTIFICATION_MESSAGE_LENGTH) throw fail("ArgumentOutOfRange", "message");
    if (!NOTIFICATION_TYPES.includes(type)) throw fail("Argument", "type");
    record.message = message;
    return record;
  };

  const notificationMessages = {
    addAsync(key: unknown, details: unknown, ...args: unknown[]): void {
      const parsed = parseArgs(args, false);
      const record = validateDetails(validateKey(key), details);
      send("notificationMessages.addAsync", [key, details, ...args], parsed, () =>
        store.addNotification(record),
      );
    },
    replaceAsync(key: unknown, details: unknown, ...args: unknown[]): void {
      const parsed = parseArgs(args, false);
      const record = validateDetails(validateKey(key), details);
      send("notificationMessages.replaceAsync", [key, details, ...args], parsed, () =>
        store.replaceNotification(record),
      );
    },
    removeAsync(key: unknown, ...args: unknown[]): void {
      const parsed = parseArgs(args, false);
      const valid = validateKey(key);
      send("notificationMessages.removeAsync", [key, ...args], parsed, () => store.removeNotification(valid));
    },
    getAllAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true);
      send("notificationMessages.getAllAsync", args, parsed, () => toFrame(store.notifications()));
    },
  };

  const item = {
    itemType: "appointment",
    body,
    subject,
    location,
    start: time("start"),
    end: time("end"),
    requiredAttendees,
    ...(backend.isSetSupported("Mailbox", "1.7") ? { recurrence } : {}),
    notificationMessages,
    loadCustomPropertiesAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, true, true);
      send("loadCustomPropertiesAsync", args, parsed, () => makeCustomProperties(store.customProperties()));
    },
  };

  // ---- Roaming settings (one copy per frame, loaded when it starts) -----------------------------------

  const roamingValues: Record<string, unknown> = toFrame(backend.loadRoamingSettings());
  const roamingSettings = {
    get: (name: string): unknown => roamingValues[name],
    set(name: string, value: unknown): void {
      roamingValues[name] = value;
    },
    remove(name: string): void {
      delete roamingValues[name];
    },
    saveAsync(...args: unknown[]): void {
      const parsed = parseArgs(args, false);
      const { size, json } = serializeRoamingSettings(roamingValues);
      send(
        "roamingSettings.saveAsync",
        args,
        parsed,
        () => {
          backend.saveRoamingSettings(json);
        },
        {
          itemBound: false,
          ...(size > ROAMING_SETTINGS_LIMIT ? { presetError: { ...OUTLOOK_ERRORS.SizeLimitExceeded } } : {}),
        },
      );
    },
  };

  // ---- Context ---------------------------------------------------------------------------------------

  const profile = backend.userProfile();
  const platform = backend.platform?.() ?? "OfficeOnline";
  const mailbox = {
    item,
    userProfile: {
      displayName: profile.displayName,
      emailAddress: profile.emailAddress,
      timeZone: profile.timeZone,
      accountType: profile.accountType,
    },
    diagnostics: {
      hostName: platform === "Android" ? "OutlookAndroid" : "OutlookWebApp",
      hostVersion: backend.hostVersion(),
    },
  };

  // ---- Dialogs (DialogApi 1.1) -------------------------------------------------------------------------

  const dialogError = (code: number, name: string, message: string): OfficeErrorInfo => ({
    code,
    name,
    message,
  });
  const ui = {
    displayDialogAsync(startAddress: unknown, ...args: unknown[]): void {
      if (typeof startAddress !== "string") throw fail("ArgumentType", "startAddress");
      const parsed = parseArgs(args, false);
      const answer = (result: Record<string, unknown>) => {
        if (!parsed.callback) return;
        try {
          parsed.callback(toFrame({ asyncContext: undefined, ...result }));
        } catch (error) {
          backend.reportCallbackError("displayDialogAsync callback", error);
        }
      };
      realm.setTimeout(() => {
        let url: URL | undefined;
        try {
          url = new URL(startAddress, realm.location.href);
        } catch {
          url = undefined;
        }
        // Office opens only pages of the add-in's own domain (the page may go elsewhere later).
        if (!url || url.protocol !== "https:" || url.origin !== realm.location.origin) {
          answer({
            status: "failed",
            error: dialogError(
              12004,
              "Domain is not trusted",
              "The domain of the URL is not in the add-in's domain.",
            ),
          });
          return;
        }
        const handlers = new Map<string, Array<(arg: unknown) => void>>();
        const opening = backend.openDialog?.(url.href, (notice) => {
          const type = notice.kind === "message" ? "dialogMessageReceived" : "dialogEventReceived";
          const arg =
            notice.kind === "message"
              ? toFrame({ type, message: notice.message, origin: notice.origin })
              : toFrame({ type, error: notice.error });
          for (const handler of handlers.get(type) ?? []) {
            try {
              handler(arg);
            } catch (error) {
              backend.reportCallbackError(`dialog ${type} handler`, error);
            }
          }
        }) ?? { ok: false, error: dialogError(12009, "Dialog not available", "This host shows no dialogs.") };
        if (!opening.ok) {
          answer({ status: "failed", error: opening.error });
          return;
        }
        const dialog = {
          addEventHandler(eventType: unknown, handler: unknown): void {
            if (typeof eventType !== "string" || typeof handler !== "function")
              throw fail("Argument", "handler");
            const list = handlers.get(eventType) ?? [];
            list.push(handler as (arg: unknown) => void);
            handlers.set(eventType, list);
          },
          close: (): void => opening.close(),
          messageChild: (): void => undefined,
        };
        if (parsed.callback) {
          try {
            parsed.callback({
              status: "succeeded",
              value: dialog,
              error: undefined,
              asyncContext: parsed.asyncContext,
            });
          } catch (error) {
            backend.reportCallbackError("displayDialogAsync callback", error);
          }
        }
      }, backend.readyDelay());
    },
    messageParent(message: unknown): void {
      if (!backend.messageParent?.(String(message))) {
        throw fail(
          "Argument",
          "message",
          "messageParent works only in a page shown with displayDialogAsync.",
        );
      }
    },
  };

  const context = {
    host: "Outlook",
    platform,
    diagnostics: { host: "Outlook", platform, version: "16.0.0.0" },
    displayLanguage: "en-US",
    contentLanguage: "en-US",
    mailbox,
    roamingSettings,
    ui,
    requirements: {
      isSetSupported: (name: string, minVersion?: string | number): boolean =>
        backend.isSetSupported(name, minVersion),
    },
    get officeTheme(): Record<string, string | boolean> {
      return toFrame(THEMES[backend.theme()]);
    },
  };

  // ---- Readiness -------------------------------------------------------------------------------------

  type ReadyInfo = { host: string; platform: string };
  const readyInfo = (): ReadyInfo => toFrame({ host: "Outlook", platform });
  let ready = false;
  const waiting: Array<() => void> = [];

  const namespace: Record<string, unknown> = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    HostType: {
      Word: "Word",
      Excel: "Excel",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
    MailboxEnums: {
      ItemNotificationMessageType: {
        ProgressIndicator: "progressIndicator",
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
        InsightMessage: "insightMessage",
      },
      ItemType: { Message: "message", Appointment: "appointment" },
      ActionType: { ShowTaskPane: "showTaskPane" },
      RecurrenceType: {
        Daily: "daily",
        Weekday: "weekday",
        Weekly: "weekly",
        Monthly: "monthly",
        Yearly: "yearly",
      },
    },
    actions: {
      associate(actionId: unknown, fn: unknown): void {
        if (typeof actionId !== "string" || actionId === "") throw fail("Argument", "actionId");
        if (typeof fn !== "function") throw fail("Argument", "actionFunction");
        backend.associate(actionId, fn as (event: unknown) => void);
      },
    },
    auth: {
      getAuthContext(): Promise<Record<string, string>> {
        const value = backend.authContext?.() ?? null;
        return value
          ? FramePromise.resolve(toFrame(value))
          : FramePromise.reject(new FrameError("getAuthContext is not supported (NestedAppAuth 1.1 is off)"));
      },
    },
    initialize: undefined,
    onReady(callback?: unknown): Promise<ReadyInfo> {
      return new FramePromise<ReadyInfo>((resolve) => {
        const done = (): void => {
          const info = readyInfo();
          if (typeof callback === "function") {
            try {
              (callback as (info: ReadyInfo) => unknown)(info);
            } catch (error) {
              backend.reportCallbackError("Office.onReady callback", error);
            }
          }
          resolve(info);
        };
        if (ready) FramePromise.resolve().then(done);
        else waiting.push(done);
      });
    },
  };

  const becomeReady = (): void => {
    if (ready) return;
    ready = true;
    namespace.context = context;
    backend.frameReady();
    const init = namespace.initialize;
    if (typeof init === "function") {
      try {
        (init as (reason: string) => void).call(namespace, "documentOpened");
      } catch (error) {
        backend.reportCallbackError("Office.initialize", error);
      }
    }
    for (const done of waiting.splice(0)) done();
  };

  const doc = realm.document as Document | undefined;
  const scheduleReady = (): void => {
    realm.setTimeout(becomeReady, backend.readyDelay());
  };
  if (doc && doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", scheduleReady, { once: true });
  } else {
    scheduleReady();
  }

  // The narrow cast at the boundary: this object implements the members of `Office` listed above.
  return namespace as unknown as typeof Office;
}
