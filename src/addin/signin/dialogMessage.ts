/**
 * What the sign-in dialog (auth-dialog.html) sends back to the pane with
 * Office.context.ui.messageParent, and how the pane reads it. Only plain data crosses: the
 * account's public facts or the error's fields, never a token.
 */

export interface AuthAccount {
  username: string;
  tenantId: string;
  name: string;
  /** Directory role template IDs from the ID token's `wids` claim, when the token has it. */
  wids?: string[];
}

/** The fields classifyAuthError reads from an MSAL error. */
export interface AuthErrorFields {
  name?: string;
  errorCode?: string;
  subError?: string;
  errorMessage?: string;
  correlationId?: string;
  errorNo?: string;
}

export type AuthDialogMessage =
  | { type: "bluejeans-auth"; ok: true; account: AuthAccount }
  | { type: "bluejeans-auth"; ok: false; error: AuthErrorFields };

const ERROR_KEYS = ["name", "errorCode", "subError", "errorMessage", "correlationId", "errorNo"] as const;
const MAX_FIELD = 2000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The error's fields as plain strings (anything else is dropped). */
export function errorFieldsOf(error: unknown): AuthErrorFields {
  const fields: AuthErrorFields = {};
  if (!isObject(error) && !(error instanceof Error)) {
    fields.errorMessage = String(error).slice(0, MAX_FIELD);
    return fields;
  }
  const source = error as unknown as Record<string, unknown>;
  for (const key of ERROR_KEYS) {
    const value = source[key];
    if (typeof value === "string" && value !== "") fields[key] = value.slice(0, MAX_FIELD);
    else if (key === "errorNo" && typeof value === "number") fields[key] = String(value);
  }
  if (fields.errorMessage === undefined && error instanceof Error && error.message !== "") {
    fields.errorMessage = error.message.slice(0, MAX_FIELD);
  }
  return fields;
}

/** The account's public facts from an MSAL AccountInfo-shaped value. */
export function accountOf(account: unknown): AuthAccount | undefined {
  if (!isObject(account)) return undefined;
  const { username, tenantId, name, idTokenClaims } = account;
  if (typeof username !== "string") return undefined;
  const result: AuthAccount = {
    username,
    tenantId: typeof tenantId === "string" ? tenantId : "",
    name: typeof name === "string" ? name : "",
  };
  const claims = isObject(idTokenClaims) ? idTokenClaims : {};
  if (result.tenantId === "" && typeof claims["tid"] === "string") result.tenantId = claims["tid"];
  const wids = claims["wids"];
  if (Array.isArray(wids)) result.wids = wids.filter((w): w is string => typeof w === "string");
  return result;
}

export function encodeDialogMessage(message: AuthDialogMessage): string {
  return JSON.stringify(message);
}

/** Reads a message from the dialog; anything else (another page's message, damage) gives undefined. */
export function parseDialogMessage(text: string): AuthDialogMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || parsed["type"] !== "bluejeans-auth") return undefined;
  if (parsed["ok"] === true) {
    const account = accountOf(parsed["account"]);
    if (account === undefined) return undefined;
    const raw = isObject(parsed["account"]) ? parsed["account"]["wids"] : undefined;
    if (Array.isArray(raw)) account.wids = raw.filter((w): w is string => typeof w === "string");
    return { type: "bluejeans-auth", ok: true, account };
  }
  if (parsed["ok"] === false) {
    return { type: "bluejeans-auth", ok: false, error: errorFieldsOf(parsed["error"]) };
  }
  return undefined;
}
