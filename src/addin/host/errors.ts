/**
 * Errors the UI can explain: what happened and what the person can do about it.
 * Every failure that reaches a surface is one of these, never a raw Office or network error.
 */
export class AddinError extends Error {
  override readonly name = "AddinError";
  constructor(
    /** What happened, in plain words. */
    message: string,
    /** What the person can do now. */
    readonly action: string,
    /** Stable code for tests and logs, e.g. "office.body.prependAsync". */
    readonly code: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The code of every failure to get a token without the person (see SignInNeededError). */
export const SIGN_IN_NEEDED = "auth.token";

/** Office's own error as AsyncResult carries it. */
export interface OfficeErrorInfo {
  name?: string;
  message?: string;
  code?: number;
}

/** What each Office call was doing, in the words the person sees. */
const OPERATION_WORDS: Record<string, string> = {
  "body.getTypeAsync": "read the appointment's body format",
  "body.getAsync": "read the appointment's body",
  "body.setAsync": "write the appointment's body",
  "body.prependAsync": "add the meeting details to the body",
  "location.getAsync": "read the location",
  "location.setAsync": "set the location",
  "subject.getAsync": "read the subject",
  "start.getAsync": "read the start time",
  "end.getAsync": "read the end time",
  "requiredAttendees.getAsync": "read the attendees",
  "recurrence.getAsync": "read the series' repeat pattern", // requirement set: optional (a name only)
  loadCustomPropertiesAsync: "read the add-in's data on this appointment",
  "customProperties.saveAsync": "save the add-in's data on this appointment",
  "roamingSettings.saveAsync": "save your settings",
  "notificationMessages.replaceAsync": "show a notification",
  "notificationMessages.removeAsync": "clear a notification",
};

/** Office error codes that mean "try again shortly" rather than "something is wrong with this item". */
const TRANSIENT_CODES = new Set([9002, 9020, 9041, 9042, 5001]);

export function officeCallError(operation: string, error: OfficeErrorInfo | undefined): AddinError {
  const words = OPERATION_WORDS[operation] ?? operation;
  const tooLong = `${error?.name ?? ""} ${error?.message ?? ""}`.includes("ArgumentOutOfRange");
  if (tooLong && (operation === "body.setAsync" || operation === "body.prependAsync")) {
    // Retrying cannot help: say so, and what to do instead.
    return new AddinError(
      "The appointment's body is too long for Outlook to let add-ins change it.",
      operation === "body.setAsync"
        ? "Remove the BlueJeans details from the body by hand, or shorten the body and try again."
        : "Shorten the body and try again, or paste the join link by hand.",
      `office.${operation}`,
      "body over Outlook's 1,000,000-character limit",
    );
  }
  const code = error?.code;
  const officeText = [error?.name, error?.message].filter(Boolean).join(": ");
  const action =
    code !== undefined && TRANSIENT_CODES.has(code)
      ? "Outlook could not complete the request. Check your connection and try again."
      : "Try again. If it keeps failing, close and reopen the appointment.";
  return new AddinError(
    `Outlook could not ${words}.`,
    action,
    `office.${operation}`,
    officeText ? `${officeText}${code !== undefined ? ` (code ${code})` : ""}` : undefined,
  );
}

/** Turns anything thrown into an AddinError so the UI always has a message and an action. */
export function toAddinError(error: unknown): AddinError {
  if (error instanceof AddinError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new AddinError(
    "Something went wrong.",
    "Try again. If it keeps failing, close and reopen the appointment.",
    "unexpected",
    detail,
  );
}

/** Outlook shows at most 150 characters: shorten what happened, never what to do. */
export function notificationText(message: string, action: string, limit = 150): string {
  const full = `${message} ${action}`;
  if (full.length <= limit) return full;
  const room = limit - action.length - 2;
  return room > 20 ? `${message.slice(0, room).trimEnd()}… ${action}` : action.slice(0, limit);
}
