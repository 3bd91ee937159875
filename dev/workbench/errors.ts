/**
 * Errors as Outlook's office.js reports them: AsyncResult errors (`{ code, name, message }`) and the
 * `Sys.*Exception` errors it throws synchronously when arguments are wrong.
 */
import type { AsyncMethodName, InjectedError, OfficeErrorInfo } from "./types";

/** Codes and names as Outlook uses them (Mailbox error codes 9000+, plus the common coercion/format codes). */
export const OUTLOOK_ERRORS = {
  InvalidCoercionType: {
    code: 1000,
    name: "Invalid Coercion Type",
    message: "The coercion type is not supported.",
  },
  InvalidFormatError: {
    code: 2006,
    name: "InvalidFormatError",
    message: "HTML can't be written to a body that is in plain text.",
  },
  InvalidSelection: { code: 9016, name: "InvalidSelection", message: "The selection is not valid." },
  GenericSettingsError: {
    code: 9019,
    name: "GenericSettingsError",
    message: "The settings could not be saved.",
  },
  GenericResponseError: {
    code: 9020,
    name: "GenericResponseError",
    message: "An internal error has occurred.",
  },
  SaveError: { code: 9021, name: "SaveError", message: "A connection error occurred while saving the item." },
  DuplicateNotificationKey: {
    code: 9023,
    name: "DuplicateNotificationKey",
    message: "A notification with this key already exists.",
  },
  NotificationKeyNotFound: {
    code: 9024,
    name: "NotificationKeyNotFound",
    message: "No notification has this key.",
  },
  NumberOfNotificationsExceeded: {
    code: 9025,
    name: "NumberOfNotificationsExceeded",
    message: "The notification limit has been reached.",
  },
  APICallFailedDueToItemChange: {
    code: 9030,
    name: "APICallFailedDueToItemChange",
    message: "The item has changed since the call started.",
  },
  NetworkError: {
    code: 9041,
    name: "NetworkError",
    message: "The user is not connected to the network. Check the connection and try again.",
  },
  InternalServerError: {
    code: 9042,
    name: "InternalServerError",
    message: "The Exchange server returned an error.",
  },
  ItemNotSaved: { code: 9046, name: "ItemNotSaved", message: "The item has not been saved yet." },
  SizeLimitExceeded: {
    code: 9057,
    name: "SizeLimitExceeded",
    message: "An add-in's roaming settings can't exceed 32 KB.",
  },
} as const satisfies Record<string, OfficeErrorInfo>;

export type OutlookErrorName = keyof typeof OUTLOOK_ERRORS;

export function isOutlookErrorName(value: string): value is OutlookErrorName {
  return Object.prototype.hasOwnProperty.call(OUTLOOK_ERRORS, value);
}

/** Thrown inside the fake host's operations; turned into a failed AsyncResult. */
export class OfficeHostError extends Error {
  readonly code: number;
  readonly officeName: string;

  constructor(info: OfficeErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.officeName = info.name;
  }

  static of(name: OutlookErrorName): OfficeHostError {
    return new OfficeHostError(OUTLOOK_ERRORS[name]);
  }

  info(): OfficeErrorInfo {
    return { code: this.code, name: this.officeName, message: this.message };
  }
}

/** The error a failure switch injects when the test does not say which. */
export function defaultInjectedError(method: AsyncMethodName): OfficeErrorInfo {
  return method === "roamingSettings.saveAsync"
    ? { ...OUTLOOK_ERRORS.GenericSettingsError }
    : { ...OUTLOOK_ERRORS.GenericResponseError };
}

/** Resolves a failure switch's error: a preset name ("NetworkError"), a partial error, or the method's default. */
export function resolveInjectedError(method: AsyncMethodName, error?: InjectedError): OfficeErrorInfo {
  const base = defaultInjectedError(method);
  if (error === undefined) return base;
  if (typeof error === "string") {
    if (!isOutlookErrorName(error)) throw new Error(`Unknown Outlook error preset "${error}"`);
    return { ...OUTLOOK_ERRORS[error] };
  }
  return {
    code: typeof error.code === "number" ? error.code : base.code,
    name: typeof error.name === "string" ? error.name : base.name,
    message: typeof error.message === "string" ? error.message : base.message,
  };
}

export type SysExceptionKind =
  "Argument" | "ArgumentNull" | "ArgumentOutOfRange" | "ArgumentType" | "ParameterCount";

const SYS_MESSAGES: Record<SysExceptionKind, string> = {
  Argument: "The value is not in the expected range.",
  ArgumentNull: "The value can't be null.",
  ArgumentOutOfRange: "The value is outside the range of valid values.",
  ArgumentType: "The value can't be converted to the required type.",
  ParameterCount: "The parameters don't match the expected format.",
};

/**
 * A synchronous argument error like office.js throws (`name` "Sys.ArgumentException" and so on), created with the
 * frame's own Error constructor so `instanceof Error` holds inside the add-in.
 */
export function sysException(
  ErrorCtor: ErrorConstructor,
  kind: SysExceptionKind,
  paramName?: string,
  detail?: string,
): Error {
  const name = `Sys.${kind}Exception`;
  let message = `${name}: ${detail ?? SYS_MESSAGES[kind]}`;
  if (paramName) message += `\nParameter name: ${paramName}`;
  const err = new ErrorCtor(message);
  err.name = name;
  if (paramName) Object.defineProperty(err, "paramName", { value: paramName, enumerable: true });
  return err;
}
