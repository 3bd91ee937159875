import {
  AuthError,
  BrowserAuthError,
  BrowserConfigurationAuthError,
  ClientAuthError,
  ClientConfigurationError,
  InteractionRequiredAuthError,
  ServerError,
} from "@azure/msal-browser";
import { classifyAuthError, CONSENT_ERROR_KINDS, parseAadsts } from "../../../../src/shared/consent/classify";
import type { ClassifyContext, ConsentErrorKind } from "../../../../src/shared/consent/classify";

const CORR = "3f1c9a52-0b7e-4d21-9c55-7a1e2b3c4d5e";
const silent: ClassifyContext = { interactive: false, naa: false };
const interactive: ClassifyContext = { interactive: true, naa: false };
const naaSilent: ClassifyContext = { interactive: false, naa: true };

/** An Office SSO (getAccessToken) rejection as office.js delivers it. */
function officeError(code: number, message = "Office SSO failed") {
  return { name: "Office SSO error", message, code };
}

/** /token answer: errorNo is error_codes[0], a number at runtime although typed as string. */
function tokenError(code: string, aadsts: number, text: string, subError?: string) {
  const message = `${code}: Error(s): ${aadsts} - Timestamp: now - Description: AADSTS${aadsts}: ${text} - Correlation ID: ${CORR}`;
  return new ServerError(code, CORR, message, subError, aadsts as unknown as string, 400);
}

/** /authorize answer: errorNo parsed from error_uri's ?code=, a string. */
function authorizeError(code: string, aadsts: number, text: string, subError?: string) {
  return new ServerError(code, CORR, `AADSTS${aadsts}: ${text}`, subError, String(aadsts));
}

type Case = [label: string, error: unknown, context: ClassifyContext, kind: ConsentErrorKind];

const cases: Case[] = [
  // admin consent required
  [
    "AADSTS90094 from /authorize",
    authorizeError("access_denied", 90094, "The grant requires admin permission."),
    interactive,
    "adminConsentRequired",
  ],
  [
    "AADSTS90093 from /token",
    tokenError("invalid_grant", 90093, "Does not have authorization."),
    silent,
    "adminConsentRequired",
  ],
  [
    "AADSTS900941",
    authorizeError("access_denied", 900941, "Administrator consent is required."),
    interactive,
    "adminConsentRequired",
  ],
  [
    "AADSTS900981",
    authorizeError("access_denied", 900981, "An admin consent request was received for a risky app."),
    interactive,
    "adminConsentRequired",
  ],
  [
    "AADSTS650056",
    authorizeError("invalid_client", 650056, "Misconfigured application."),
    interactive,
    "adminConsentRequired",
  ],
  [
    "65001 after an interactive try",
    new InteractionRequiredAuthError(
      "consent_required",
      CORR,
      "AADSTS65001: The user or administrator has not consented.",
      "consent_required",
    ),
    interactive,
    "adminConsentRequired",
  ],
  [
    "SSO 13012 with forMSGraphAccess",
    officeError(13012),
    { ...silent, forMSGraphAccess: true },
    "adminConsentRequired",
  ],
  // admin approval pending
  [
    "AADSTS90095 beats generic access_denied",
    authorizeError("access_denied", 90095, "Admin consent is required; a request was sent."),
    interactive,
    "adminApprovalPending",
  ],
  // user consent needed
  [
    "65001 from a silent call",
    new InteractionRequiredAuthError(
      "invalid_grant",
      CORR,
      "AADSTS65001: The user or administrator has not consented.",
      "consent_required",
    ),
    silent,
    "userConsentNeeded",
  ],
  [
    "consent_required errorCode, no number",
    new InteractionRequiredAuthError("consent_required", CORR),
    silent,
    "userConsentNeeded",
  ],
  [
    "consent_required subError only",
    new InteractionRequiredAuthError("interaction_required", CORR, "need consent", "consent_required"),
    silent,
    "userConsentNeeded",
  ],
  ["SSO 13005", officeError(13005), silent, "userConsentNeeded"],
  // declined
  [
    "access_denied with AADSTS65004",
    authorizeError("access_denied", 65004, "User declined to consent to access the app."),
    interactive,
    "consentDeclined",
  ],
  [
    "bare access_denied",
    new ServerError("access_denied", CORR, "The user denied access."),
    interactive,
    "consentDeclined",
  ],
  ["SSO 13002", officeError(13002), interactive, "consentDeclined"],
  // app not in tenant
  [
    "AADSTS700016",
    authorizeError(
      "unauthorized_client",
      700016,
      "Application with identifier 'x' was not found in the directory 'Contoso'.",
    ),
    interactive,
    "appNotInTenant",
  ],
  [
    "AADSTS500011",
    tokenError(
      "invalid_resource",
      500011,
      "The resource principal named https://graph.microsoft.com was not found.",
    ),
    silent,
    "appNotInTenant",
  ],
  [
    "AADSTS650052",
    authorizeError(
      "invalid_client",
      650052,
      "The app needs access to a service that your organization has not subscribed to.",
    ),
    interactive,
    "appNotInTenant",
  ],
  [
    "AADSTS65005",
    authorizeError("invalid_client", 65005, "Misconfigured application."),
    interactive,
    "appNotInTenant",
  ],
  [
    "bare unauthorized_client",
    new ServerError("unauthorized_client", CORR, "The client is not authorized."),
    interactive,
    "appNotInTenant",
  ],
  [
    "bare invalid_resource",
    new ServerError("invalid_resource", CORR, "Unknown resource."),
    interactive,
    "appNotInTenant",
  ],
  // app disabled / user unassigned
  [
    "AADSTS7000112 beats unauthorized_client",
    authorizeError("unauthorized_client", 7000112, "Application is disabled."),
    interactive,
    "appDisabled",
  ],
  [
    "AADSTS50105",
    new InteractionRequiredAuthError(
      "interaction_required",
      CORR,
      "AADSTS50105: The signed in user is not assigned to a role for the application.",
    ),
    silent,
    "appDisabled",
  ],
  ["SSO 13007", officeError(13007), silent, "appDisabled"],
  // blocked by policy
  [
    "AADSTS53003 with message_only",
    new InteractionRequiredAuthError(
      "interaction_required",
      CORR,
      "AADSTS53003: Access has been blocked by Conditional Access policies.",
      "message_only",
    ),
    silent,
    "blockedByPolicy",
  ],
  [
    "AADSTS530032",
    authorizeError("access_denied", 530032, "Blocked by security policy."),
    interactive,
    "blockedByPolicy",
  ],
  [
    "AADSTS530035",
    authorizeError("access_denied", 530035, "Access has been blocked by security defaults."),
    interactive,
    "blockedByPolicy",
  ],
  [
    "AADSTS53000 device not compliant",
    tokenError("invalid_grant", 53000, "Device is not in required device state."),
    silent,
    "blockedByPolicy",
  ],
  [
    "AADSTS53001",
    tokenError("invalid_grant", 53001, "Device is not domain joined."),
    silent,
    "blockedByPolicy",
  ],
  [
    "AADSTS53002",
    tokenError("invalid_grant", 53002, "Application used is not an approved application."),
    silent,
    "blockedByPolicy",
  ],
  [
    "subError message_only, no number",
    new InteractionRequiredAuthError("interaction_required", CORR, "blocked", "message_only"),
    silent,
    "blockedByPolicy",
  ],
  // wrong account
  [
    "AADSTS50020",
    authorizeError(
      "invalid_request",
      50020,
      "User account from identity provider 'live.com' does not exist in tenant.",
    ),
    interactive,
    "wrongAccount",
  ],
  [
    "AADSTS90072",
    authorizeError("invalid_request", 90072, "User account from identity provider does not exist in tenant."),
    interactive,
    "wrongAccount",
  ],
  [
    "AADSTS16000",
    new InteractionRequiredAuthError(
      "interaction_required",
      CORR,
      "AADSTS16000: User account does not exist in tenant.",
    ),
    silent,
    "wrongAccount",
  ],
  // interaction required
  [
    "AADSTS50076 MFA with claims",
    new InteractionRequiredAuthError(
      "invalid_grant",
      CORR,
      "AADSTS50076: you must use multi-factor authentication.",
      "basic_action",
      "ts",
      "trace",
      '{"access_token":{"capolids":{"essential":true}}}',
      "50076",
    ),
    silent,
    "interactionRequired",
  ],
  [
    "AADSTS50058",
    new InteractionRequiredAuthError(
      "login_required",
      CORR,
      "AADSTS50058: A silent sign-in request was sent but no user is signed in.",
    ),
    silent,
    "interactionRequired",
  ],
  [
    "AADSTS50079",
    tokenError("invalid_grant", 50079, "Due to a configuration change, you must enroll in MFA."),
    silent,
    "interactionRequired",
  ],
  [
    "AADSTS50078",
    tokenError("invalid_grant", 50078, "Presented multi-factor authentication has expired."),
    silent,
    "interactionRequired",
  ],
  [
    "AADSTS50173",
    tokenError("invalid_grant", 50173, "The provided grant has expired due to it being revoked."),
    silent,
    "interactionRequired",
  ],
  [
    "AADSTS70043",
    tokenError("invalid_grant", 70043, "The refresh token has expired due to sign-in frequency checks."),
    silent,
    "interactionRequired",
  ],
  [
    "AADSTS700084",
    tokenError("invalid_grant", 700084, "The refresh token was issued to a single page app."),
    silent,
    "interactionRequired",
  ],
  [
    "other InteractionRequiredAuthError",
    new InteractionRequiredAuthError("something_new", CORR, "Needs interaction."),
    silent,
    "interactionRequired",
  ],
  ["no_account_error", new BrowserAuthError("no_account_error", CORR), silent, "interactionRequired"],
  [
    "silent timed_out (iframe)",
    new BrowserAuthError("timed_out", "", "redirect_bridge_timeout"),
    silent,
    "interactionRequired",
  ],
  // cancelled / timed out
  ["user_cancelled", new BrowserAuthError("user_cancelled", CORR), interactive, "cancelled"],
  [
    "popup closed: v5 timed_out",
    new BrowserAuthError("timed_out", "", "redirect_bridge_timeout"),
    interactive,
    "cancelled",
  ],
  [
    "NAA user_canceled",
    new ClientAuthError("user_canceled", ""),
    { interactive: true, naa: true },
    "cancelled",
  ],
  // popup blocked / busy
  ["popup_window_error", new BrowserAuthError("popup_window_error", CORR), interactive, "popupBlocked"],
  ["empty_window_error", new BrowserAuthError("empty_window_error", CORR), interactive, "popupBlocked"],
  ["block_nested_popups", new BrowserAuthError("block_nested_popups", CORR), interactive, "popupBlocked"],
  [
    "interaction_in_progress",
    new BrowserAuthError("interaction_in_progress", CORR),
    interactive,
    "popupBlocked",
  ],
  ["SSO 13008", officeError(13008), interactive, "popupBlocked"],
  ["SSO 13013", officeError(13013), interactive, "popupBlocked"],
  // NAA unavailable
  [
    "nested_app_auth_bridge_disabled",
    new ClientAuthError("nested_app_auth_bridge_disabled", ""),
    naaSilent,
    "naaUnavailable",
  ],
  ["unsupported_method under NAA", new AuthError("unsupported_method", ""), naaSilent, "naaUnavailable"],
  ["SSO 13000", officeError(13000), silent, "naaUnavailable"],
  ["SSO 13003", officeError(13003), silent, "naaUnavailable"],
  ["SSO 50001", officeError(50001), silent, "naaUnavailable"],
  ["SSO 13012 without Graph", officeError(13012), silent, "naaUnavailable"],
  // configuration error
  [
    "AADSTS50011 redirect mismatch",
    authorizeError("invalid_request", 50011, "The redirect URI does not match."),
    interactive,
    "configurationError",
  ],
  [
    "AADSTS900971",
    authorizeError("invalid_request", 900971, "No reply address provided."),
    interactive,
    "configurationError",
  ],
  [
    "AADSTS70011",
    authorizeError("invalid_scope", 70011, "The provided value for scope is not valid."),
    interactive,
    "configurationError",
  ],
  [
    "AADSTS50194",
    authorizeError("invalid_request", 50194, "Application is not configured as a multi-tenant application."),
    interactive,
    "configurationError",
  ],
  [
    "AADSTS700054",
    authorizeError("invalid_request", 700054, "response_type 'id_token' is not enabled."),
    interactive,
    "configurationError",
  ],
  [
    "endpoints_resolution_error",
    new ClientAuthError("endpoints_resolution_error", CORR, "Could not resolve endpoints."),
    silent,
    "configurationError",
  ],
  ["crypto_nonexistent", new BrowserAuthError("crypto_nonexistent", CORR), silent, "configurationError"],
  ["unsupported_method outside NAA", new AuthError("unsupported_method", CORR), silent, "configurationError"],
  [
    "ClientConfigurationError",
    new ClientConfigurationError("authority_uri_insecure", CORR),
    silent,
    "configurationError",
  ],
  [
    "BrowserConfigurationAuthError",
    new BrowserConfigurationAuthError("brand_new_config_code", CORR, "bad"),
    silent,
    "configurationError",
  ],
  // unknown
  [
    "new AADSTS number on a generic AuthError",
    new AuthError("server_error", CORR, "AADSTS99999999: Something new."),
    interactive,
    "unknown",
  ],
  ["plain Error", new Error("boom"), silent, "unknown"],
  ["a string", "network down", silent, "unknown"],
  ["null", null, silent, "unknown"],
  ["SSO 13006", officeError(13006), silent, "unknown"],
];

describe("classifyAuthError on MSAL's real error classes", () => {
  test.each(cases)("%s", (_label, error, context, kind) => {
    expect(classifyAuthError(error, context).kind).toBe(kind);
  });

  test("every class of the table is covered by at least one case", () => {
    const covered = new Set(cases.map(([, , , kind]) => kind));
    expect([...covered].sort()).toEqual([...CONSENT_ERROR_KINDS].sort());
  });
});

describe("what the result carries", () => {
  test("a /token error: number, correlation id, code and sub-error", () => {
    const result = classifyAuthError(
      tokenError(
        "invalid_grant",
        53003,
        "Access has been blocked by Conditional Access policies.",
        "message_only",
      ),
      silent,
    );
    expect(result).toMatchObject({
      kind: "blockedByPolicy",
      aadsts: 53003,
      correlationId: CORR,
      errorCode: "invalid_grant",
      subError: "message_only",
    });
    expect(result.message).toContain("AADSTS53003");
  });

  test("the NAA shape: no subError, empty correlationId, AADSTS only in the message", () => {
    const naa = new InteractionRequiredAuthError(
      "invalid_grant",
      "",
      "AADSTS65001: The user has not consented.",
    );
    expect(naa.errorNo).toBeUndefined();
    const result = classifyAuthError(naa, naaSilent);
    expect(result.kind).toBe("userConsentNeeded");
    expect(result.aadsts).toBe(65001);
    expect(result.correlationId).toBeUndefined();
    expect(result.subError).toBeUndefined();
  });

  test("the NAA shape of a persistent server error with an empty code", () => {
    const naa = new ServerError("", "", "AADSTS90094: The grant requires admin permission.");
    const result = classifyAuthError(naa, { interactive: true, naa: true });
    expect(result).toMatchObject({ kind: "adminConsentRequired", aadsts: 90094 });
    expect(result.errorCode).toBeUndefined();
  });

  test("unknown keeps the correlation id and a generic message", () => {
    const result = classifyAuthError(
      new AuthError("weird_error", CORR, "Something unexpected."),
      interactive,
    );
    expect(result).toEqual({
      kind: "unknown",
      correlationId: CORR,
      errorCode: "weird_error",
      message: "weird_error: Something unexpected.",
    });
  });

  test("claims of an interaction-required error are passed on for the popup", () => {
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const error = new InteractionRequiredAuthError(
      "interaction_required",
      CORR,
      "AADSTS50076: MFA.",
      "",
      "",
      "",
      claims,
    );
    expect(classifyAuthError(error, silent).claims).toBe(claims);
  });

  test("Office SSO errors report their code", () => {
    expect(classifyAuthError(officeError(13002, "User cancelled"), interactive)).toMatchObject({
      kind: "consentDeclined",
      officeCode: 13002,
      message: "Office SSO error: User cancelled (13002)",
    });
  });

  test("an empty error still gives a message", () => {
    expect(classifyAuthError(undefined, silent)).toEqual({ kind: "unknown", message: "No error details." });
  });

  test("long messages are cut", () => {
    const result = classifyAuthError(new Error("x".repeat(2000)), silent);
    expect(result.message.length).toBe(500);
  });
});

describe("precedence", () => {
  test("an AADSTS number beats the generic OAuth code", () => {
    const error = authorizeError("access_denied", 53003, "Blocked by Conditional Access.");
    expect(classifyAuthError(error, interactive).kind).toBe("blockedByPolicy");
  });

  test("consent_required + AADSTS90094 is admin consent even from a silent call", () => {
    const error = new InteractionRequiredAuthError(
      "consent_required",
      CORR,
      "AADSTS90094: Admin permission needed.",
    );
    expect(classifyAuthError(error, silent).kind).toBe("adminConsentRequired");
  });

  test("errorNo is used when the message has no number", () => {
    const error = new ServerError("access_denied", CORR, "declined", undefined, "65004");
    expect(classifyAuthError(error, interactive)).toMatchObject({ kind: "consentDeclined", aadsts: 65004 });
  });
});

describe("parseAadsts", () => {
  test.each([
    ["AADSTS65001: The user or administrator has not consented", 65001],
    ["invalid_grant: Error(s): 50076 - Description: AADSTS50076: MFA", 50076],
    ["no number here", undefined],
  ])("%s", (text, expected) => {
    expect(parseAadsts(text)).toBe(expected);
  });
});
