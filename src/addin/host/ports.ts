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
