/**
 * Turns whatever a sign-in attempt threw into one class the UI has a remedy for.
 *
 * MSAL is not imported: its errors (InteractionRequiredAuthError, ServerError, BrowserAuthError,
 * ClientAuthError, AuthError) are read by their fields, so this module stays out of the pane's
 * first load. Office SSO errors (getAccessToken) are read by their numeric `code`.
 *
 * Rows are tried in table order and the first match wins, in two passes:
 * 1. specific signals: MSAL client error codes, the subError, the AADSTS number (from errorNo or
 *    "AADSTSnnnnn" in the message) and Office SSO codes;
 * 2. only if nothing specific matched, the generic OAuth codes (access_denied, unauthorized_client,
 *    interaction_required, ...) and the error class, which say less than an AADSTS number does.
 * AADSTS numbers and texts change over time, so "unknown" always keeps the correlation id.
 */

export type ConsentErrorKind =
  | "adminConsentRequired"
  | "adminApprovalPending"
  | "userConsentNeeded"
  | "consentDeclined"
  | "appNotInTenant"
  | "appDisabled"
  | "blockedByPolicy"
  | "wrongAccount"
  | "interactionRequired"
  | "cancelled"
  | "popupBlocked"
  | "naaUnavailable"
  | "configurationError"
  | "unknown";

export const CONSENT_ERROR_KINDS: readonly ConsentErrorKind[] = [
  "adminConsentRequired",
  "adminApprovalPending",
  "userConsentNeeded",
  "consentDeclined",
  "appNotInTenant",
  "appDisabled",
  "blockedByPolicy",
  "wrongAccount",
  "interactionRequired",
  "cancelled",
  "popupBlocked",
  "naaUnavailable",
  "configurationError",
  "unknown",
];

export interface ClassifyContext {
  /** The failed call could show UI (popup, Office dialog); false for silent token requests. */
  interactive: boolean;
  /** The call went through nested app authentication (Outlook's bridge). */
  naa: boolean;
  /** Office SSO only: getAccessToken was called with forMSGraphAccess. */
  forMSGraphAccess?: boolean;
}

export interface ClassifiedAuthError {
  kind: ConsentErrorKind;
  /** The Entra error number (AADSTSnnnnn). */
  aadsts?: number;
  /** For support and sign-in logs; absent when empty (NAA leaves it empty). */
  correlationId?: string;
  errorCode?: string;
  subError?: string;
  /** A claims challenge to pass to the interactive request (interaction required). */
  claims?: string;
  /** Office SSO error code (13xxx) from getAccessToken. */
  officeCode?: number;
  /** The error's own text, for a details section and logs. */
  message: string;
}

/** What is known about an error, whatever its shape. */
interface Facts {
  name: string;
  errorCode: string;
  subError: string;
  aadsts?: number;
  correlationId: string;
  claims: string;
  officeCode?: number;
  message: string;
}

const AADSTS = /AADSTS(\d{4,9})/;
const MAX_MESSAGE = 500;

/** The first AADSTS number in a text, e.g. 65001 from "AADSTS65001: The user or administrator ...". */
export function parseAadsts(text: string): number | undefined {
  const match = AADSTS.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function stringField(obj: Record<string, unknown>, key: string): string {
  const value = obj[key];
  return typeof value === "string" ? value : "";
}

function numberish(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  if (typeof value === "string" && /^\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}

function factsOf(error: unknown): Facts {
  if (typeof error !== "object" || error === null) {
    const text =
      typeof error === "string" ? error : error === undefined || error === null ? "" : String(error);
    return { name: "", errorCode: "", subError: "", correlationId: "", claims: "", message: text };
  }
  const obj = error as Record<string, unknown>;
  const errorCode = stringField(obj, "errorCode");
  const errorMessage = stringField(obj, "errorMessage");
  const message = stringField(obj, "message");
  const name = stringField(obj, "name");
  // Office errors carry a numeric code; MSAL's do not (they use errorCode), Node's are strings.
  const officeCode = errorCode === "" ? numberish(obj["code"]) : undefined;
  const aadsts = numberish(obj["errorNo"]) ?? parseAadsts(errorMessage) ?? parseAadsts(message);
  let text = message || errorMessage || errorCode;
  if (officeCode !== undefined) text = [name, message].filter(Boolean).join(": ") + ` (${officeCode})`;
  return {
    name,
    errorCode,
    subError: stringField(obj, "subError"),
    aadsts,
    correlationId: stringField(obj, "correlationId"),
    claims: stringField(obj, "claims"),
    officeCode,
    message: text,
  };
}

type Match = (f: Facts, ctx: ClassifyContext) => boolean;

const aadstsIn =
  (...numbers: number[]): Match =>
  (f) =>
    f.aadsts !== undefined && numbers.includes(f.aadsts);
const codeIn =
  (...codes: string[]): Match =>
  (f) =>
    codes.includes(f.errorCode);
const subErrorIn =
  (...subErrors: string[]): Match =>
  (f) =>
    subErrors.includes(f.subError);
const officeIn =
  (...codes: number[]): Match =>
  (f) =>
    f.officeCode !== undefined && codes.includes(f.officeCode);
const anyOf =
  (...matches: Match[]): Match =>
  (f, ctx) =>
    matches.some((m) => m(f, ctx));

/** consent_required or AADSTS65001: the user has not consented (yet). */
const consentMissing = anyOf(aadstsIn(65001), codeIn("consent_required"), subErrorIn("consent_required"));

/** MSAL's own configuration error codes: a deployment or code bug, never the user's doing. */
const MSAL_CONFIG_CODES = [
  "endpoints_resolution_error",
  "crypto_nonexistent",
  "unsupported_method",
  "authority_uri_insecure",
  "untrusted_authority",
  "authority_mismatch",
  "redirect_uri_empty",
  "invalid_authority_metadata",
  "invalid_cloud_discovery_metadata",
  "empty_input_scopes_error",
  "empty_url_error",
  "url_parse_error",
  "invalid_claims",
  "uninitialized_public_client_application",
  "storage_not_supported",
  "stubbed_public_client_application_called",
  "in_mem_redirect_unavailable",
  "non_browser_environment",
];

interface Row {
  kind: ConsentErrorKind;
  specific: Match;
  generic?: Match;
}

/** The classification table, in order. */
const ROWS: readonly Row[] = [
  {
    kind: "adminConsentRequired",
    specific: anyOf(
      aadstsIn(90094, 90093, 900941, 900981, 650056),
      // After the person was shown a consent prompt, a consent error means they could not give it.
      (f, ctx) => ctx.interactive && consentMissing(f, ctx),
      (f, ctx) => f.officeCode === 13012 && ctx.forMSGraphAccess === true,
    ),
  },
  { kind: "adminApprovalPending", specific: aadstsIn(90095) },
  {
    kind: "userConsentNeeded",
    specific: anyOf((f, ctx) => !ctx.interactive && consentMissing(f, ctx), officeIn(13005)),
  },
  {
    kind: "consentDeclined",
    specific: anyOf(aadstsIn(65004), officeIn(13002)),
    generic: (f) => f.errorCode === "access_denied" && f.aadsts === undefined,
  },
  {
    kind: "appNotInTenant",
    specific: aadstsIn(700016, 500011, 650052, 65005),
    generic: codeIn("unauthorized_client", "invalid_resource"),
  },
  { kind: "appDisabled", specific: anyOf(aadstsIn(7000112, 50105), officeIn(13007)) },
  {
    kind: "blockedByPolicy",
    specific: anyOf(aadstsIn(53003, 530032, 530035, 53000, 53001, 53002), subErrorIn("message_only")),
  },
  { kind: "wrongAccount", specific: aadstsIn(50020, 90072, 16000) },
  {
    kind: "interactionRequired",
    specific: anyOf(
      aadstsIn(50058, 50076, 50079, 50078, 50173, 70043, 700084),
      subErrorIn(
        "basic_action",
        "additional_action",
        "user_password_expired",
        "bad_token",
        "interrupted_user",
      ),
      codeIn("no_account_error", "no_account_found", "no_tokens_found", "refresh_token_expired"),
      codeIn("native_account_unavailable", "login_required"),
      officeIn(13001),
      // A silent request that timed out (hidden iframe got no answer): only a popup can continue.
      (f, ctx) => !ctx.interactive && f.errorCode === "timed_out",
    ),
    generic: anyOf(
      codeIn("interaction_required", "bad_token", "ui_not_allowed", "interrupted_user", "invalid_grant"),
      (f) => f.name === "InteractionRequiredAuthError",
    ),
  },
  {
    kind: "cancelled",
    specific: codeIn(
      "user_cancelled",
      "user_canceled",
      "timed_out",
      "interaction_in_progress_cancelled",
      "monitor_window_timeout",
    ),
  },
  {
    kind: "popupBlocked",
    specific: anyOf(
      codeIn("popup_window_error", "empty_window_error", "block_nested_popups", "interaction_in_progress"),
      officeIn(13008, 13013),
    ),
  },
  {
    kind: "naaUnavailable",
    specific: anyOf(
      codeIn("nested_app_auth_bridge_disabled"),
      // Outlook's bridge does not offer this call: the standard client (or Office dialog) can.
      (f, ctx) => ctx.naa && f.errorCode === "unsupported_method",
      officeIn(13000, 13003, 50001),
      // 13012 without Graph: this Office cannot do SSO at all, so another way to sign in is needed.
      (f, ctx) => f.officeCode === 13012 && ctx.forMSGraphAccess !== true,
    ),
  },
  {
    kind: "configurationError",
    specific: anyOf(aadstsIn(50011, 900971, 70011, 50194, 700054), codeIn(...MSAL_CONFIG_CODES)),
    generic: anyOf(
      codeIn("invalid_client", "invalid_scope", "invalid_request"),
      (f) => f.name === "BrowserConfigurationAuthError" || f.name === "ClientConfigurationError",
    ),
  },
];

function kindOf(facts: Facts, ctx: ClassifyContext): ConsentErrorKind {
  return (
    ROWS.find((row) => row.specific(facts, ctx))?.kind ??
    ROWS.find((row) => row.generic?.(facts, ctx) === true)?.kind ??
    "unknown"
  );
}

export function classifyAuthError(error: unknown, context: ClassifyContext): ClassifiedAuthError {
  const facts = factsOf(error);
  const message =
    facts.message.length > MAX_MESSAGE ? `${facts.message.slice(0, MAX_MESSAGE - 1)}…` : facts.message;
  const result: ClassifiedAuthError = {
    kind: kindOf(facts, context),
    message: message || "No error details.",
  };
  if (facts.aadsts !== undefined) result.aadsts = facts.aadsts;
  if (facts.correlationId !== "") result.correlationId = facts.correlationId;
  if (facts.errorCode !== "") result.errorCode = facts.errorCode;
  if (facts.subError !== "") result.subError = facts.subError;
  if (facts.claims !== "") result.claims = facts.claims;
  if (facts.officeCode !== undefined) result.officeCode = facts.officeCode;
  return result;
}
