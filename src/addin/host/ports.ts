/**
 * What the add-in needs from Outlook, as plain promises. Only `officeAdapter.ts` implements these
 * with `Office.*`; the workbench and tests hand in other implementations.
 */
export type BodyType = "html" | "text";

export interface Attendee {
  emailAddress: string;
  displayName: string;
}

export interface CustomPropertiesPort {
  get(name: string): unknown;
  /** Outlook stores custom property values as strings. */
  set(name: string, value: string): void;
  remove(name: string): void;
  /** Persists set/remove on the item; until then nothing is stored. */
  save(): Promise<void>;
}

export interface AppointmentPort {
  getBodyType(): Promise<BodyType>;
  getBody(type: BodyType): Promise<string>;
  setBody(body: string, type: BodyType): Promise<void>;
  prependToBody(content: string, type: BodyType): Promise<void>;
  getLocation(): Promise<string>;
  setLocation(location: string): Promise<void>;
  getSubject(): Promise<string>;
  getStart(): Promise<Date>;
  getEnd(): Promise<Date>;
  getRequiredAttendees(): Promise<Attendee[]>;
  loadCustomProperties(): Promise<CustomPropertiesPort>;
  /**
   * The series the appointment belongs to, or null for a single appointment (Mailbox 1.7).
   * Optional: hosts below 1.7 have no recurrence; callers treat its absence as "not a series".
   */
  getRecurrence?(): Promise<Recurrence | null>;
}

/** Outlook's recurrence types ("weekday" is every Monday to Friday). */
export type RecurrenceType = "daily" | "weekday" | "weekly" | "monthly" | "yearly";

/** An appointment series as Outlook describes it (item.recurrence), as plain data. */
export interface Recurrence {
  recurrenceType: RecurrenceType;
  /** Every n days, weeks, months or years (1 when Outlook gives none). */
  interval: number;
  /** Weekly: the days, e.g. ["mon", "wed"]. */
  days?: string[];
  /** Monthly or yearly on a date. */
  dayOfMonth?: number;
  /** Monthly or yearly on a weekday: "mon"…"sun", or "day", "weekday", "weekendDay". */
  dayOfWeek?: string;
  /** With dayOfWeek: "first", "second", "third", "fourth" or "last". */
  weekNumber?: string;
  /** Yearly: "jan"…"dec". */
  month?: string;
  /** First day of the series, "YYYY-MM-DD". */
  startDate: string;
  /** Last day of the series, "YYYY-MM-DD"; null when it has no end. */
  endDate: string | null;
  /** Windows time zone name of the series, when Outlook gives one. */
  timeZone?: string;
}

export interface SettingsPort {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  save(): Promise<void>;
}

export type NotificationKind = "progress" | "info" | "error";

export interface NotifierPort {
  /** Shows or replaces the add-in's one notification on the item. */
  show(kind: NotificationKind, message: string): Promise<void>;
  /**
   * Shows a notification with one button that opens the task pane (where the person can sign in
   * or choose); for code that has no UI of its own, such as the event handlers.
   */
  showWithPaneButton?(message: string, buttonText: string): Promise<void>;
  clear(): Promise<void>;
}

export interface UserProfile {
  displayName: string;
  emailAddress: string;
  timeZone: string;
  /** "enterprise", "outlookCom" (a personal account), ...; absent before Mailbox 1.6. */
  accountType?: string;
}

/** Office.auth.getAuthContext() (NestedAppAuth 1.1): the signed-in person's organisation. */
export interface AuthContext {
  tenantId: string;
  userPrincipalName?: string;
}

export interface DialogPort {
  /**
   * Opens a page of the add-in in an Office dialog and resolves with the first message it sends
   * (the dialog is closed then). Rejects with a DialogError when it cannot open or is closed.
   */
  open(url: string): Promise<string>;
}

/** What a page shown in an Office dialog can do: tell the page that opened it. */
export interface DialogChildPort {
  /** Resolves once Office is ready: true inside an Office dialog, false anywhere else. */
  ready(): Promise<boolean>;
  /** Sends a message to the opener; rejects with an AddinError when this page is not a dialog. */
  messageParent(message: string): Promise<void>;
}

/** Colours of the Office theme; Outlook reports them to add-ins. */
export interface OfficeThemeColors {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
}

export interface OutlookHost {
  item: AppointmentPort;
  settings: SettingsPort;
  notifier: NotifierPort;
  user: UserProfile;
  theme?: OfficeThemeColors;
  isSetSupported(name: string, version: string): boolean;
}

/** What the task pane needs besides: sign-in's facts and dialogs (kept out of the command's bundle). */
export interface PaneHost extends OutlookHost {
  /** Office's auth context where NestedAppAuth 1.1 offers it; undefined elsewhere. Never rejects. */
  authContext(): Promise<AuthContext | undefined>;
  /** Office dialogs; absent where this Office has no dialog API. */
  dialogs?: DialogPort;
}
