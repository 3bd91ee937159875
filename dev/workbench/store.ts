/**
 * The appointment being composed, and what Outlook does to it when an add-in (or the user) changes it.
 * Operations that Outlook can refuse throw `OfficeHostError`; the caller turns that into a failed AsyncResult.
 */
import { OfficeHostError } from "./errors";
import {
  canonicalHtml,
  htmlToText,
  normalizeWrittenHtml,
  textToHtml,
  textToInlineHtml,
  wrapOwaDocument,
} from "./owaHtml";
import type {
  AppointmentInit,
  AppointmentSnapshot,
  BodyType,
  JsonValue,
  NotificationRecord,
  RecurrenceInit,
} from "./types";

export const MAX_NOTIFICATIONS = 5;

export interface AppointmentState {
  subject: string;
  /** Epoch ms. */
  start: number;
  end: number;
  location: string;
  attendees: string;
  /** HTML fragment (inside OWA's wrapper) or plain text as written. */
  body: string;
  bodyType: BodyType;
  customProperties: Record<string, JsonValue>;
  notifications: NotificationRecord[];
  recurrence: RecurrenceInit | null;
}

export interface AttendeeDetails {
  emailAddress: string;
  displayName: string;
  appointmentResponse: string;
  recipientType: string;
}

/** Tomorrow 10:00–10:30 local time: stable enough for tests that do not care. */
export function defaultTimes(now: Date = new Date()): { start: number; end: number } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0, 0, 0);
  return { start: start.getTime(), end: start.getTime() + 30 * 60 * 1000 };
}

export function toEpoch(value: Date | string | number, field: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`Invalid ${field}: ${String(value)}`);
  return ms;
}

function clone<T extends JsonValue | Record<string, JsonValue> | NotificationRecord[]>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Parses "Ann Lee <ann@contoso.com>, bob@fabrikam.com" into Outlook's recipient details. */
export function parseAttendees(text: string, organizerDomain = "contoso.com"): AttendeeDetails[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const match = /^(.*?)\s*<([^>]+)>$/.exec(part);
      const emailAddress = (match ? match[2] : part)?.trim() ?? part;
      const name = match ? match[1]?.replace(/^"|"$/g, "").trim() : "";
      const domain = emailAddress.split("@")[1]?.toLowerCase() ?? "";
      return {
        emailAddress,
        displayName: name !== undefined && name !== "" ? name : emailAddress,
        appointmentResponse: "none",
        recipientType: domain === organizerDomain.toLowerCase() ? "user" : "externalUser",
      };
    });
}

export type StoreListener = () => void;

export class AppointmentStore {
  private state: AppointmentState;
  private readonly listeners = new Set<StoreListener>();
  private initial: AppointmentInit;
  /** Bumped by `reset`: calls started on the previous item fail like Outlook's "item changed". */
  generation = 0;

  constructor(init: AppointmentInit = {}) {
    this.initial = { ...init };
    this.state = AppointmentStore.build(init);
  }

  private static build(init: AppointmentInit): AppointmentState {
    const times = defaultTimes();
    const bodyType = init.bodyType ?? "html";
    const rawBody = init.body ?? "";
    return {
      subject: init.subject ?? "",
      start: init.start !== undefined ? toEpoch(init.start, "start") : times.start,
      end: init.end !== undefined ? toEpoch(init.end, "end") : times.end,
      location: init.location ?? "",
      attendees: init.attendees ?? "",
      body: bodyType === "html" ? canonicalHtml(rawBody) : rawBody,
      bodyType,
      customProperties: clone(init.customProperties ?? {}),
      notifications: [],
      recurrence: init.recurrence ? { ...init.recurrence } : null,
    };
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of Array.from(this.listeners)) listener();
  }

  snapshot(): AppointmentSnapshot {
    const s = this.state;
    return {
      subject: s.subject,
      start: new Date(s.start).toISOString(),
      end: new Date(s.end).toISOString(),
      location: s.location,
      attendees: s.attendees,
      body: s.body,
      bodyType: s.bodyType,
      customProperties: clone(s.customProperties),
      notifications: clone(s.notifications),
      recurrence: s.recurrence ? (JSON.parse(JSON.stringify(s.recurrence)) as RecurrenceInit) : null,
    };
  }

  /** A new item: the initial fields (or `init`), no notifications; in-flight calls will fail. */
  reset(init?: AppointmentInit): void {
    if (init) this.initial = { ...init };
    this.state = AppointmentStore.build(this.initial);
    this.generation += 1;
    this.changed();
  }

  /** Sets fields the way the user would type them (no rewriting). */
  update(patch: AppointmentInit): void {
    const s = this.state;
    if (patch.subject !== undefined) s.subject = patch.subject;
    if (patch.start !== undefined) s.start = toEpoch(patch.start, "start");
    if (patch.end !== undefined) s.end = toEpoch(patch.end, "end");
    if (patch.location !== undefined) s.location = patch.location;
    if (patch.attendees !== undefined) s.attendees = patch.attendees;
    if (patch.customProperties !== undefined) s.customProperties = clone(patch.customProperties);
    if (patch.recurrence !== undefined) s.recurrence = patch.recurrence ? { ...patch.recurrence } : null;
    if (patch.bodyType !== undefined && patch.body === undefined) this.convertBodyType(patch.bodyType);
    if (patch.body !== undefined) this.setBodyRaw(patch.body, patch.bodyType ?? s.bodyType, false);
    this.changed();
  }

  /** The body as the user's editor produced it (HTML is only serialised canonically, not rewritten). */
  setBodyRaw(content: string, bodyType: BodyType = this.state.bodyType, notify = true): void {
    this.state.bodyType = bodyType;
    this.state.body = bodyType === "html" ? canonicalHtml(content) : content;
    if (notify) this.changed();
  }

  /** Switches the body format like Outlook's "Switch to plain text / HTML". */
  setBodyType(bodyType: BodyType): void {
    this.convertBodyType(bodyType);
    this.changed();
  }

  private convertBodyType(bodyType: BodyType): void {
    const s = this.state;
    if (s.bodyType === bodyType) return;
    s.body = bodyType === "text" ? htmlToText(s.body) : textToHtml(s.body);
    s.bodyType = bodyType;
  }

  get bodyType(): BodyType {
    return this.state.bodyType;
  }

  get subject(): string {
    return this.state.subject;
  }

  get location(): string {
    return this.state.location;
  }

  get start(): number {
    return this.state.start;
  }

  get end(): number {
    return this.state.end;
  }

  get recurrence(): RecurrenceInit | null {
    return this.state.recurrence;
  }

  attendeeDetails(): AttendeeDetails[] {
    return parseAttendees(this.state.attendees);
  }

  // ---- Body, as the Office API sees it -------------------------------------------------------------

  readBody(coercionType: BodyType): string {
    const s = this.state;
    if (coercionType === "html") {
      return wrapOwaDocument(s.bodyType === "html" ? s.body : textToHtml(s.body));
    }
    return s.bodyType === "text" ? s.body : htmlToText(s.body);
  }

  /** `body.setAsync`: replaces the body. HTML into a plain-text body fails with InvalidFormatError. */
  writeBody(data: string, coercionType: BodyType): void {
    const s = this.state;
    if (s.bodyType === "text") {
      if (coercionType === "html") throw OfficeHostError.of("InvalidFormatError");
      s.body = data;
    } else {
      s.body = coercionType === "html" ? normalizeWrittenHtml(data) : textToHtml(data);
    }
    this.changed();
  }

  /** `body.prependAsync` (and `setSelectedDataAsync`, whose cursor sits at the start of the body). */
  prependBody(data: string, coercionType: BodyType): void {
    const s = this.state;
    if (s.bodyType === "text") {
      s.body = (coercionType === "html" ? htmlToText(data) : data) + s.body;
    } else {
      s.body = (coercionType === "html" ? normalizeWrittenHtml(data) : textToInlineHtml(data)) + s.body;
    }
    this.changed();
  }

  setSubject(value: string): void {
    this.state.subject = value;
    this.changed();
  }

  setLocation(value: string): void {
    this.state.location = value;
    this.changed();
  }

  // ---- Custom properties ----------------------------------------------------------------------------

  customProperties(): Record<string, JsonValue> {
    return clone(this.state.customProperties);
  }

  /** `customProperties.saveAsync`: the add-in's whole local copy replaces what the item had. */
  saveCustomProperties(values: Record<string, JsonValue>): void {
    this.state.customProperties = clone(values);
    this.changed();
  }

  // ---- Notification messages ------------------------------------------------------------------------

  notifications(): NotificationRecord[] {
    return clone(this.state.notifications);
  }

  addNotification(record: NotificationRecord): void {
    const list = this.state.notifications;
    if (list.some((n) => n.key === record.key)) throw OfficeHostError.of("DuplicateNotificationKey");
    if (list.length >= MAX_NOTIFICATIONS) throw OfficeHostError.of("NumberOfNotificationsExceeded");
    list.push(clone([record])[0] as NotificationRecord);
    this.changed();
  }

  /** Replaces the message with this key, or adds it if there is none (within the limit). */
  replaceNotification(record: NotificationRecord): void {
    const list = this.state.notifications;
    const index = list.findIndex((n) => n.key === record.key);
    if (index < 0) {
      if (list.length >= MAX_NOTIFICATIONS) throw OfficeHostError.of("NumberOfNotificationsExceeded");
      list.push(clone([record])[0] as NotificationRecord);
    } else {
      list[index] = clone([record])[0] as NotificationRecord;
    }
    this.changed();
  }

  removeNotification(key: string): void {
    const list = this.state.notifications;
    const index = list.findIndex((n) => n.key === key);
    if (index < 0) throw OfficeHostError.of("NotificationKeyNotFound");
    list.splice(index, 1);
    this.changed();
  }

  /** The user dismissed a message in the info bar. */
  dismissNotification(key: string): void {
    const list = this.state.notifications;
    const index = list.findIndex((n) => n.key === key);
    if (index >= 0) {
      list.splice(index, 1);
      this.changed();
    }
  }
}
