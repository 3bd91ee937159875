/**
 * What the local identity provider answers in each test scenario. Pure data and one decision
 * function, with no server in it, so the workbench page and unit tests can use it too.
 *
 * Every identifier below is made up for development: no real tenant, user or app has them.
 */

/** The one organisation the local identity provider signs people in to. */
export const DEV_TENANT_ID = "4f1c2b7e-9a3d-4e68-b5c1-7d2e8a90f3b6";

/** The person signed in: the same as the workbench's default mailbox user. */
export const DEV_USER = {
  oid: "a7e3c1d9-5b2f-4c80-9e14-3f6d2b8a1c57",
  preferredUsername: "alexw@contoso.com",
  name: "Alex Wilber",
} as const;

/** Someone the local identity provider can sign in. */
export interface DevPerson {
  oid: string;
  preferredUsername: string;
  name: string;
}

/**
 * Who else can sign in, picked by the sign-in's login hint (the mailbox's address), as Entra signs
 * in the hinted account. Any other hint, or none, signs in DEV_USER.
 * - Megan has no BlueJeans account in the emulator: the personal-meeting lookup finds nothing.
 * - Sam has one (the emulator's default seed, user 1002); tests make his lookup fail.
 */
export const OTHER_DEV_PEOPLE: readonly DevPerson[] = [
  {
    oid: "c2d84e61-7a39-4f05-b8e2-1d6a9f3c7b40",
    preferredUsername: "meganb@contoso.com",
    name: "Megan Bowen",
  },
  {
    oid: "e5a17b3c-2f94-4d68-a0c1-8b3e6d92f715",
    preferredUsername: "sam@contoso.example",
    name: "Sam Rivera",
  },
];

/** The person a sign-in with this login hint gets. */
export function personForHint(hint: string | null | undefined): DevPerson {
  const wanted = hint?.trim().toLowerCase();
  return OTHER_DEV_PEOPLE.find((person) => person.preferredUsername === wanted) ?? DEV_USER;
}

/** Entra's directory role template IDs used in `wids`. */
export const GLOBAL_ADMINISTRATOR_ROLE = "62e90394-69f5-4237-9190-012177145e10";
/** "User" role template: what Entra puts in `wids` for people without an admin role. */
export const DEFAULT_USER_ROLE = "b79fbf4d-3ef9-4689-8143-76b194e85509";

export const SCENARIO_NAMES = [
  "granted",
  "user-consent-then-granted",
  "admin-consent-required",
  "declined",
  "app-not-in-tenant",
  "conditional-access",
  "mfa-required",
  "popup-closed",
  "admin-signed-in",
  "naa",
  "consent-tightened",
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === "string" && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** Labels for the workbench's scenario switch. */
export const SCENARIO_LABELS: Readonly<Record<ScenarioName, string>> = {
  granted: "Granted: everything approved",
  "user-consent-then-granted": "User consent needed, then granted",
  "admin-consent-required": "Admin consent required (AADSTS90094)",
  declined: "Consent declined (AADSTS65004)",
  "app-not-in-tenant": "App not in tenant (AADSTS700016)",
  "conditional-access": "Blocked by Conditional Access (AADSTS53003)",
  "mfa-required": "MFA required (AADSTS50076)",
  "popup-closed": "Sign-in window closed by the person",
  "admin-signed-in": "Granted, Global Administrator signed in",
  naa: "Only Outlook's bridge (NAA) answers",
  "consent-tightened": "Returning user: signed in once, then admin consent required",
};

/** What was asked of the identity provider. */
export type IdpStep =
  | "authorize-silent"
  | "authorize-interactive"
  | "token-code"
  | "token-refresh"
  | "admin-consent"
  | "naa-silent"
  | "naa-interactive";

/** What changes while a scenario runs: approvals given along the way. */
export interface ScenarioProgress {
  userConsented: boolean;
  adminConsented: boolean;
  mfaDone: boolean;
  /** A sign-in got its tokens (the person has used BlueJeans before). */
  signedIn: boolean;
}

export function freshProgress(): ScenarioProgress {
  return { userConsented: false, adminConsented: false, mfaDone: false, signedIn: false };
}

export interface IdpError {
  /** OAuth error code (access_denied, consent_required, invalid_grant, ...). */
  error: string;
  /** The Entra error number, also written as "AADSTSnnnnn:" at the start of the description. */
  aadsts?: number;
  description: string;
  suberror?: string;
}

export type IdpOutcome =
  | { kind: "ok" }
  | { kind: "error"; error: IdpError }
  /** The sign-in page stays open and never answers (the person closes it). */
  | { kind: "hold" };

const OK: IdpOutcome = { kind: "ok" };

function fail(error: string, aadsts: number | undefined, text: string, suberror?: string): IdpOutcome {
  const description = aadsts === undefined ? text : `AADSTS${aadsts}: ${text}`;
  const result: IdpError = { error, description };
  if (aadsts !== undefined) result.aadsts = aadsts;
  if (suberror !== undefined) result.suberror = suberror;
  return { kind: "error", error: result };
}

const CONSENT_MISSING = (step: IdpStep): IdpOutcome =>
  step === "token-refresh"
    ? fail(
        "invalid_grant",
        65001,
        "The user or administrator has not consented to use the application (local test identity provider).",
        "consent_required",
      )
    : fail(
        "consent_required",
        65001,
        "The user or administrator has not consented to use the application (local test identity provider).",
      );

const isSilent = (step: IdpStep) =>
  step === "authorize-silent" || step === "naa-silent" || step === "token-refresh";
const isInteractive = (step: IdpStep) => step === "authorize-interactive" || step === "naa-interactive";

/**
 * The answer to one request in a scenario, and how the scenario's progress changes with it
 * (an interactive sign-in that succeeds records the consent or second factor it stands for).
 */
export function decide(
  scenario: ScenarioName,
  step: IdpStep,
  progress: ScenarioProgress,
  context: { clientId?: string; tenant?: string } = {},
): { outcome: IdpOutcome; progress: ScenarioProgress } {
  const next = { ...progress };
  const answer = (outcome: IdpOutcome) => ({ outcome, progress: next });

  if (step === "admin-consent") {
    if (scenario === "declined") {
      return answer(fail("access_denied", 65004, "The administrator declined to consent to access the app."));
    }
    next.adminConsented = true;
    return answer(OK);
  }
  if (step === "token-code" && scenario !== "conditional-access") {
    next.signedIn = true;
    return answer(OK);
  }

  switch (scenario) {
    case "granted":
    case "admin-signed-in":
      return answer(OK);
    case "naa":
      if (step === "naa-silent" || step === "naa-interactive") return answer(OK);
      return answer(
        fail(
          "invalid_request",
          undefined,
          'The local identity provider answers only through Outlook\'s bridge in the "naa" scenario.',
        ),
      );
    case "user-consent-then-granted":
      if (progress.userConsented || progress.adminConsented) return answer(OK);
      if (isInteractive(step)) {
        next.userConsented = true;
        return answer(OK);
      }
      return answer(CONSENT_MISSING(step));
    case "consent-tightened":
      // The first sign-in works; then the administrator tightened consent: silent tries get
      // AADSTS65001, an interactive one AADSTS90094, until an administrator approves.
      if (progress.adminConsented) return answer(OK);
      if (!progress.signedIn && step !== "token-refresh") {
        if (step === "naa-silent" || step === "naa-interactive") next.signedIn = true;
        return answer(OK);
      }
      if (isSilent(step)) return answer(CONSENT_MISSING(step));
      return answer(fail("access_denied", 90094, "The grant requires admin permission."));
    case "admin-consent-required":
      if (progress.adminConsented) return answer(OK);
      if (isSilent(step)) return answer(CONSENT_MISSING(step));
      return answer(fail("access_denied", 90094, "The grant requires admin permission."));
    case "declined":
      if (progress.adminConsented) return answer(OK);
      if (isSilent(step)) return answer(CONSENT_MISSING(step));
      return answer(fail("access_denied", 65004, "User declined to consent to access the app."));
    case "app-not-in-tenant":
      if (progress.adminConsented) return answer(OK);
      return answer(
        fail(
          "unauthorized_client",
          700016,
          `Application with identifier '${context.clientId ?? "unknown"}' was not found in the directory '${
            context.tenant ?? DEV_TENANT_ID
          }'.`,
        ),
      );
    case "conditional-access":
      if (step === "authorize-silent" || step === "authorize-interactive") return answer(OK);
      return answer(
        fail(
          "invalid_grant",
          53003,
          "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
          "message_only",
        ),
      );
    case "mfa-required":
      if (progress.mfaDone) return answer(OK);
      if (isInteractive(step)) {
        next.mfaDone = true;
        return answer(OK);
      }
      return answer(
        step === "token-refresh"
          ? fail(
              "invalid_grant",
              50076,
              "Due to a configuration change made by your administrator, you must use multi-factor authentication.",
              "basic_action",
            )
          : fail(
              "interaction_required",
              50076,
              "Due to a configuration change made by your administrator, you must use multi-factor authentication.",
            ),
      );
    case "popup-closed":
      if (isInteractive(step)) return answer({ kind: "hold" });
      return answer(
        step === "token-refresh"
          ? fail(
              "invalid_grant",
              50058,
              "A silent sign-in request was sent but no user is signed in.",
              "bad_token",
            )
          : fail("login_required", 50058, "A silent sign-in request was sent but no user is signed in."),
      );
  }
}

/** Outlook's bridge reports failures as a status plus the server's code and text (no suberror). */
export interface NaaBridgeError {
  status: "USER_INTERACTION_REQUIRED" | "USER_CANCEL" | "PERSISTENT_ERROR";
  code?: string;
  description?: string;
}

const INTERACTION_CODES = new Set(["consent_required", "interaction_required", "login_required"]);

export function bridgeErrorFor(outcome: IdpOutcome): NaaBridgeError | undefined {
  if (outcome.kind === "ok") return undefined;
  if (outcome.kind === "hold") return { status: "USER_CANCEL" };
  const { error, description, suberror } = outcome.error;
  const interaction =
    INTERACTION_CODES.has(error) || (error === "invalid_grant" && suberror !== "message_only");
  return {
    status: interaction ? "USER_INTERACTION_REQUIRED" : "PERSISTENT_ERROR",
    code: error,
    description,
  };
}

/** Directory roles in the ID token: an administrator in "admin-signed-in", else a plain user. */
export function widsFor(scenario: ScenarioName): string[] {
  return scenario === "admin-signed-in" ? [GLOBAL_ADMINISTRATOR_ROLE] : [DEFAULT_USER_ROLE];
}

// ---- Organisations by e-mail domain (the OpenID configuration of /{domain}/v2.0) -------------------

/** Domains the local identity provider knows as organisations, each with its tenant ID. */
export const DEV_DOMAINS: Readonly<Record<string, string>> = {
  "contoso.com": DEV_TENANT_ID,
  "contoso.onmicrosoft.com": DEV_TENANT_ID,
  "contoso.example": DEV_TENANT_ID,
};

/** Personal-account domains: Entra answers with the consumer tenant, which has no administrator. */
export const PERSONAL_DOMAINS: readonly string[] = ["outlook.com", "hotmail.com", "live.com"];

/** The tenant personal Microsoft accounts belong to. */
export const CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

const GUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The answer to GET {base}/{tenant}/v2.0/.well-known/openid-configuration, shaped like Entra's:
 * a tenant ID, "organizations" or "common" gets the document of the one development organisation;
 * a domain gets the document of its organisation (or the consumer tenant for personal domains);
 * an unknown domain gets Entra's 400 AADSTS90002. `base` is where the answer claims to come from
 * (the identity provider's origin, or a cloud's sign-in host in tests).
 */
export function openIdConfigurationFor(
  base: string,
  tenant: string,
): { status: number; body: Record<string, unknown> } {
  const lower = tenant.toLowerCase();
  const known =
    GUID_SEGMENT.test(tenant) || lower === "organizations" || lower === "common"
      ? DEV_TENANT_ID
      : PERSONAL_DOMAINS.includes(lower)
        ? CONSUMER_TENANT
        : DEV_DOMAINS[lower];
  if (known === undefined) {
    return {
      status: 400,
      body: {
        error: "invalid_tenant",
        error_description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        error_codes: [90002],
        timestamp: new Date(0).toISOString(),
        trace_id: "00000000-0000-0000-0000-000000000000",
        correlation_id: "22222222-2222-4222-8222-222222222222",
      },
    };
  }
  const root = `${base.replace(/\/+$/, "")}/${tenant}`;
  return {
    status: 200,
    body: {
      issuer: `${base.replace(/\/+$/, "")}/${known}/v2.0`,
      authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
      token_endpoint: `${root}/oauth2/v2.0/token`,
      end_session_endpoint: `${root}/oauth2/v2.0/logout`,
      jwks_uri: `${root}/discovery/v2.0/keys`,
      response_types_supported: ["code"],
      response_modes_supported: ["query", "fragment"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      tenant_region_scope: known === CONSUMER_TENANT ? null : "WW",
    },
  };
}
