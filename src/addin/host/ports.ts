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
  /** Office's auth context where NestedAppAuth 1.1 offers it; undefined elsewhere. Never rejects. */
  authContext(): Promise<AuthContext | undefined>;
  /** Office dialogs; absent where this Office has no dialog API. */
  dialogs?: DialogPort;
}
