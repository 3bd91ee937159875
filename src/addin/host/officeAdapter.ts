/**
 * Typed promise wrappers over Outlook's callback API; with dialogs.ts (dialogs and the auth
 * context), the only code that touches `Office.*`. Every failure rejects with an AddinError naming
 * the operation, so the UI can explain it.
 */
import { officeCallError } from "./errors";
import type {
  AppointmentPort,
  Attendee,
  Recurrence,
  RecurrenceType,
  BodyType,
  CustomPropertiesPort,
  NotificationKind,
  NotifierPort,
  OutlookHost,
  SettingsPort,
} from "./ports";

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Calls an Office *Async method and settles with its AsyncResult. */
function call<T>(operation: string, start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
        else reject(officeCallError(operation, result.error));
      });
    } catch (error) {
      // Office throws synchronously for invalid arguments or an item that is gone.
      reject(
        officeCallError(
          operation,
          // office.js names its argument errors ("Sys.ArgumentOutOfRangeException"); "Error" says nothing.
          error instanceof Error
            ? { name: error.name === "Error" ? undefined : error.name, message: error.message }
            : undefined,
        ),
      );
    }
  });
}

function coercion(type: BodyType): Office.CoercionType {
  return type === "html" ? Office.CoercionType.Html : Office.CoercionType.Text;
}

type ComposeAppointment = Office.AppointmentCompose;

/** The fields read with a plain `getAsync(callback)`. */
type PlainField = "location" | "subject" | "start" | "end";

function appointment(item: ComposeAppointment): AppointmentPort {
  const read = <T>(field: PlainField) =>
    call<T>(`${field}.getAsync`, (cb) =>
      (item[field] as unknown as { getAsync(cb: Callback<T>): void }).getAsync(cb),
    );
  return {
    getBodyType: () =>
      call<Office.CoercionType>("body.getTypeAsync", (cb) => item.body.getTypeAsync(cb)).then((type) =>
        type === Office.CoercionType.Html ? "html" : "text",
      ),
    getBody: (type) => call<string>("body.getAsync", (cb) => item.body.getAsync(coercion(type), cb)),
    setBody: (body, type) =>
      call<void>("body.setAsync", (cb) => item.body.setAsync(body, { coercionType: coercion(type) }, cb)),
    prependToBody: (content, type) =>
      call<void>("body.prependAsync", (cb) =>
        item.body.prependAsync(content, { coercionType: coercion(type) }, cb),
      ),
    getLocation: () => read<string>("location"),
    setLocation: (location) => call<void>("location.setAsync", (cb) => item.location.setAsync(location, cb)),
    getSubject: () => read<string>("subject"),
    getStart: () => read<Date>("start"),
    getEnd: () => read<Date>("end"),
    getRequiredAttendees: () =>
      call<Office.EmailAddressDetails[]>("requiredAttendees.getAsync", (cb) =>
        item.requiredAttendees.getAsync(cb),
      ).then((list) =>
        list.map((a): Attendee => ({ emailAddress: a.emailAddress, displayName: a.displayName })),
      ),
    loadCustomProperties: () =>
      call<Office.CustomProperties>("loadCustomPropertiesAsync", (cb) =>
        item.loadCustomPropertiesAsync(cb),
      ).then(customProperties),
    // Only where Mailbox 1.7 is there: older hosts have no item.recurrence at all.
    ...(item.recurrence ? { getRecurrence: () => readRecurrence(item) } : {}),
  };
}

/** Feature-detected by the caller (item.recurrence exists from Mailbox 1.7). */
function readRecurrence(item: ComposeAppointment): Promise<Recurrence | null> {
  const operation = "recurrence.getAsync"; // requirement set: optional (a name only)
  const series = item.recurrence;
  return call<Office.Recurrence | null>(operation, (cb) => series.getAsync(cb)).then(plainRecurrence);
}

const RECURRENCE_TYPES: readonly RecurrenceType[] = ["daily", "weekday", "weekly", "monthly", "yearly"];

/** Outlook's Recurrence object (with SeriesTime methods) as plain data; null for a single appointment. */
function plainRecurrence(value: Office.Recurrence | null): Recurrence | null {
  if (!value || !value.recurrenceType) return null;
  const type = String(value.recurrenceType) as RecurrenceType;
  if (!RECURRENCE_TYPES.includes(type)) return null;
  const props = value.recurrenceProperties ?? ({} as Office.RecurrenceProperties);
  const series = value.seriesTime;
  const endDate = series.getEndDate();
  return {
    recurrenceType: type,
    interval: typeof props.interval === "number" && props.interval > 0 ? props.interval : 1,
    ...(Array.isArray(props.days) ? { days: props.days.map(String) } : {}),
    ...(typeof props.dayOfMonth === "number" ? { dayOfMonth: props.dayOfMonth } : {}),
    ...(props.dayOfWeek ? { dayOfWeek: String(props.dayOfWeek) } : {}),
    ...(props.weekNumber ? { weekNumber: String(props.weekNumber) } : {}),
    ...(props.month ? { month: String(props.month) } : {}),
    startDate: series.getStartDate(),
    endDate: endDate ? endDate : null,
    ...(value.recurrenceTimeZone?.name ? { timeZone: value.recurrenceTimeZone.name } : {}),
  };
}

function customProperties(props: Office.CustomProperties): CustomPropertiesPort {
  return {
    get: (name) => props.get(name) as unknown,
    set: (name, value) => props.set(name, value),
    remove: (name) => props.remove(name),
    save: () => call<void>("customProperties.saveAsync", (cb) => props.saveAsync(cb)),
  };
}

function roamingSettings(settings: Office.RoamingSettings): SettingsPort {
  return {
    get: (name) => settings.get(name) as unknown,
    set: (name, value) => settings.set(name, value),
    remove: (name) => settings.remove(name),
    save: () => call<void>("roamingSettings.saveAsync", (cb) => settings.saveAsync(cb)),
  };
}

const NOTIFICATION_KEY = "bluejeans";
/** The task pane button's id in manifest.xml, which a notification's button opens. */
const TASKPANE_COMMAND_ID = "bjnTaskpaneButton";

function notifier(item: ComposeAppointment): NotifierPort {
  const types: Record<NotificationKind, Office.MailboxEnums.ItemNotificationMessageType> = {
    progress: Office.MailboxEnums.ItemNotificationMessageType.ProgressIndicator,
    info: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
    error: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage,
  };
  // Outlook limits notification text to 150 characters.
  const fit = (message: string) => (message.length > 150 ? `${message.slice(0, 149)}…` : message);
  const replace = (details: Office.NotificationMessageDetails) =>
    call<void>("notificationMessages.replaceAsync", (cb) =>
      item.notificationMessages.replaceAsync(NOTIFICATION_KEY, details, cb),
    );
  return {
    show: (kind, message) =>
      replace(
        kind === "info"
          ? { type: types.info, message: fit(message), icon: "Icon.16x16", persistent: false }
          : { type: types[kind], message: fit(message) },
      ),
    showWithPaneButton: (message, buttonText) =>
      replace({
        type: Office.MailboxEnums.ItemNotificationMessageType.InsightMessage,
        message: fit(message),
        icon: "Icon.16x16",
        actions: [
          {
            actionType: Office.MailboxEnums.ActionType.ShowTaskPane,
            actionText: buttonText.slice(0, 30),
            commandId: TASKPANE_COMMAND_ID,
            contextData: "{}",
          },
        ],
      }),
    clear: () =>
      call<void>("notificationMessages.removeAsync", (cb) =>
        item.notificationMessages.removeAsync(NOTIFICATION_KEY, cb),
      ).catch(() => undefined), // Nothing to clear is not a failure.
  };
}

/**
 * The host for code without a page of its own to draw (the one-click command, the event runtime):
 * the item, settings, notifications and the person, without the pane's theme and account type.
 * Call after Office.onReady.
 */
export function officeItemHost(): OutlookHost {
  const mailbox = Office.context.mailbox;
  const item = mailbox.item as unknown as ComposeAppointment;
  const profile = mailbox.userProfile;
  return {
    item: appointment(item),
    settings: roamingSettings(Office.context.roamingSettings),
    notifier: notifier(item),
    user: {
      displayName: profile.displayName,
      emailAddress: profile.emailAddress,
      timeZone: profile.timeZone,
    },
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

/** Builds the host from the real Office context, theme and account type included. Call after Office.onReady. */
export function officeHost(): OutlookHost {
  const host = officeItemHost();
  const theme = Office.context.officeTheme as Office.OfficeTheme | undefined;
  const accountType = (Office.context.mailbox.userProfile as { accountType?: unknown }).accountType; // Mailbox 1.6
  return {
    ...host,
    user: { ...host.user, ...(typeof accountType === "string" && accountType !== "" ? { accountType } : {}) },
    theme: theme
      ? { bodyBackgroundColor: theme.bodyBackgroundColor, bodyForegroundColor: theme.bodyForegroundColor }
      : undefined,
  };
}
