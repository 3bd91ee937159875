/**
 * Types shared by the workbench page, its fake Office host and the shim that runs inside the add-in's frames.
 * Dev/test code only: never shipped with the add-in.
 */

import type { EventRun, EventSwitches } from "./eventRuntime";
import type { NaaBridge, NaaCallRecord } from "./naaBridge";

export type BodyType = "html" | "text";
export type ThemeName = "light" | "dark";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Every Office call the fake host answers asynchronously; these names are used by the call log and failure switches. */
export const ASYNC_METHODS = [
  "body.getAsync",
  "body.getTypeAsync",
  "body.setAsync",
  "body.prependAsync",
  "body.setSelectedDataAsync",
  "subject.getAsync",
  "subject.setAsync",
  "location.getAsync",
  "location.setAsync",
  "start.getAsync",
  "end.getAsync",
  "requiredAttendees.getAsync",
  "recurrence.getAsync",
  "loadCustomPropertiesAsync",
  "customProperties.saveAsync",
  "notificationMessages.addAsync",
  "notificationMessages.replaceAsync",
  "notificationMessages.removeAsync",
  "notificationMessages.getAllAsync",
  "roamingSettings.saveAsync",
] as const;

export type AsyncMethodName = (typeof ASYNC_METHODS)[number];

export function isAsyncMethodName(value: string): value is AsyncMethodName {
  return (ASYNC_METHODS as readonly string[]).includes(value);
}

/** The `error` of a failed AsyncResult, as Office gives it. */
export interface OfficeErrorInfo {
  code: number;
  name: string;
  message: string;
}

/** The appointment's fields as tests and the URL may set them. Dates accept a Date, an ISO string or epoch ms. */
export interface AppointmentInit {
  subject?: string;
  start?: Date | string | number;
  end?: Date | string | number;
  location?: string;
  /** Comma separated, e.g. `Ann Lee <ann@contoso.com>, bob@fabrikam.com`. */
  attendees?: string;
  /** HTML fragment (html body) or plain text (text body), stored as given. */
  body?: string;
  bodyType?: BodyType;
  /** Custom properties already saved on the item. */
  customProperties?: Record<string, JsonValue>;
  /** The series (null: a single appointment). */
  recurrence?: RecurrenceInit | null;
}

/** A series as the workbench's recurrence editor and tests set it (Outlook's recurrence fields). */
export interface RecurrenceInit {
  recurrenceType: "daily" | "weekday" | "weekly" | "monthly" | "yearly";
  interval?: number;
  /** Weekly: "sun" … "sat". */
  days?: string[];
  dayOfMonth?: number;
  /** Monthly or yearly on a weekday: "mon" … "sun", "day", "weekday", "weekendDay". */
  dayOfWeek?: string;
  weekNumber?: "first" | "second" | "third" | "fourth" | "last";
  /** Yearly: "jan" … "dec". */
  month?: string;
  /** "YYYY-MM-DD"; defaults to the start's date. */
  startDate?: string;
  /** "YYYY-MM-DD", or null for no end. */
  endDate?: string | null;
}

/** One notification message on the item (what `notificationMessages.getAllAsync` reports). */
export interface NotificationRecord {
  key: string;
  type: string;
  message: string;
  icon?: string;
  persistent?: boolean;
  actions?: JsonValue[];
}

/** A copy of the appointment as it stands; dates as ISO strings. */
export interface AppointmentSnapshot {
  subject: string;
  start: string;
  end: string;
  location: string;
  attendees: string;
  body: string;
  bodyType: BodyType;
  customProperties: Record<string, JsonValue>;
  notifications: NotificationRecord[];
  recurrence: RecurrenceInit | null;
}

export type CallStatus = "pending" | "succeeded" | "failed";

/** One asynchronous Office call, timed with `performance.now()` of the workbench page. */
export interface CallRecord {
  id: number;
  method: AsyncMethodName;
  /** "taskpane", "commands" or the frame's path. */
  frame: string;
  start: number;
  /** When the answer was ready (just before the callback ran); null while pending. */
  end: number | null;
  status: CallStatus;
  error: OfficeErrorInfo | null;
  /** True when the failure came from `failNext`/`setFailure`. */
  injected: boolean;
  /** Short previews of the arguments (strings cut at 200 characters). */
  args: string[];
}

/** One press of the "Add BlueJeans meeting" button. */
export interface CommandRun {
  id: number;
  actionId: string;
  startedAt: number;
  completedAt: number | null;
  /** How many times the add-in called `event.completed()` (should be exactly 1). */
  completedCount: number;
  /** The options passed to the first `completed()` call. */
  completedOptions: JsonValue | null;
  /** Set when the workbench could not start the function (no frame, nothing associated). */
  error: string | null;
}

/** An exception thrown by an add-in callback that the fake host invoked. */
export interface CallbackErrorRecord {
  frame: string;
  source: string;
  message: string;
  at: number;
}

export interface UserProfileInit {
  displayName?: string;
  emailAddress?: string;
  timeZone?: string;
  accountType?: string;
}

/** Start-up configuration: from the URL query, from `window.__workbenchInit`, or passed by unit tests. */
export interface WorkbenchConfig {
  bodyType?: BodyType;
  theme?: ThemeName;
  /** Clear stored roaming settings before starting. */
  fresh?: boolean;
  /** Default answer delay of every async call, in ms. */
  latency?: number;
  /** Highest Mailbox requirement set reported as supported, e.g. "1.14". */
  mailboxVersion?: string;
  /** Report NestedAppAuth 1.1 as supported. */
  nestedAppAuth?: boolean;
  appointment?: AppointmentInit;
  userProfile?: UserProfileInit;
  /** Where the add-in pages are served; defaults `/workbench/taskpane.html` and `/workbench/commands.html`. */
  taskpaneUrl?: string;
  commandsUrl?: string;
  /** The add-in's event script; defaults to `/events.js`. */
  eventsScriptUrl?: string;
  /**
   * "phone" plays Outlook on a phone: a narrow window, no ribbon and no task pane, the
   * online-meeting toggle that runs the add function, a plain-text body and platform "Android".
   */
  formFactor?: FormFactor;
}

export type FormFactor = "desktop" | "phone";

export type InjectedError = string | Partial<OfficeErrorInfo>;

/** The object the workbench page exposes as `window.__workbench`. */
export interface WorkbenchApi {
  /** Builds the Office namespace for one frame; called by the shim inside each add-in frame. */
  officeFor(frameWindow: Window, options?: { name?: string }): typeof Office;

  state(): AppointmentSnapshot;
  setState(patch: AppointmentInit): void;
  reset(init?: AppointmentInit): void;
  setBody(content: string, bodyType?: BodyType): void;
  setBodyType(bodyType: BodyType): void;
  /** What `body.getAsync(coercionType)` would answer now. */
  readBody(coercionType: BodyType): string;
  customProperties(): Record<string, JsonValue>;
  notifications(): NotificationRecord[];
  dismissNotification(key: string): void;

  roamingSettings(): Record<string, JsonValue>;
  clearRoamingSettings(): void;

  failNext(method: AsyncMethodName, error?: InjectedError): void;
  setFailure(method: AsyncMethodName, on: boolean, error?: InjectedError): void;
  clearFailures(): void;
  failures(): Record<string, { pending: number; always: boolean }>;
  setLatency(ms: number, method?: AsyncMethodName): void;
  latency(method?: AsyncMethodName): number;

  calls(): CallRecord[];
  clearCalls(): void;
  /** Number of sequential rounds in `calls` (default: the whole log); overlapping calls count as one round. */
  rounds(calls?: CallRecord[]): number;
  /** Resolves when no call is pending. */
  idle(): Promise<void>;
  callbackErrors(): CallbackErrorRecord[];

  theme(): ThemeName;
  setTheme(theme: ThemeName): void;
  setRequirement(name: string, maxVersion: string | null): void;

  openTaskPane(): Promise<void>;
  closeTaskPane(): void;
  isTaskPaneOpen(): boolean;
  /** Presses "Add BlueJeans meeting"; resolves when the add-in calls `event.completed()` (or the start fails). */
  runCommand(): Promise<CommandRun>;
  commandRuns(): CommandRun[];
  /** Names passed to `Office.actions.associate` in every frame so far. */
  actions(): string[];
  /** Reloads the hidden commands frame (a fresh function-file runtime). */
  reloadCommands(): Promise<void>;

  /** The fake Outlook token bridge for one add-in frame (the shim installs it); none without NestedAppAuth 1.1. */
  nestedAppAuthBridgeFor(frameWindow: Window): NaaBridge | undefined;
  /** Every request the fake bridge answered, in order. */
  naaCalls(): NaaCallRecord[];
  /** Whether a page shown with Office.context.ui.displayDialogAsync is open. */
  isDialogOpen(): boolean;

  /** Raises a LaunchEvent (e.g. "OnAppointmentTimeChanged"); resolves when it completed (null: events off). */
  fireEvent(type: string): Promise<EventRun | null>;
  eventRuns(): EventRun[];
  /** Errors of the event runtime outside a run (a handler using the DOM, say). */
  eventErrors(): string[];
  /** Reads and changes the switches: fire events at all, twice, late. */
  eventSwitches(patch?: Partial<EventSwitches>): EventSwitches;
  /** Changes the appointment as the person would, raising the events Outlook raises. */
  edit(patch: AppointmentInit): void;
  /** Presses Send; resolves once sent or the person answered the Smart Alert. */
  send(): Promise<{ sent: boolean; alert: string | null; choice: "send-anyway" | "dont-send" | null }>;
  smartAlert(): { message: string } | null;
  answerSmartAlert(choice: "send-anyway" | "dont-send"): void;
  /** How many times the appointment was sent. */
  sends(): number;
}

declare global {
  interface Window {
    __workbench?: WorkbenchApi;
    __workbenchInit?: WorkbenchConfig;
  }
}
