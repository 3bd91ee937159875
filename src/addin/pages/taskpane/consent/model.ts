/**
 * The consent section's decisions, apart from React: which tenant the links point at, the
 * add-in's own approval link, and how each permission is explained.
 */
import {
  adminConsentUrl,
  ConsentInputError,
  tenantFor,
  type ConsentStateStore,
} from "../../../../shared/consent/adminConsentUrl";
import { absoluteRedirectUri, authorityBaseFor, type AddinConfig } from "../../../../shared/consent/config";
import { isGuid, tenantProblem } from "../../../../shared/consent/validate";

export type TenantSource = "officeAuthContext" | "account" | "idToken" | "config" | "domain" | "default";

export type TenantDecision = { kind: "tenant"; tenant: string; source: TenantSource } | { kind: "personal" };

/**
 * Office's auth context, then the account sign-in knows, then the tenant the configuration pins,
 * then the organisation of the mailbox's e-mail domain, else "organizations" (Microsoft asks the
 * administrator to sign in and uses their organisation). Never "common".
 */
export function decideTenant(
  config: Pick<AddinConfig, "tenant">,
  hints: { officeTenantId?: string; accountTenantId?: string; accountType?: string; domainTenantId?: string },
): TenantDecision {
  const choice = tenantFor({
    ...(hints.officeTenantId !== undefined ? { officeAuthContextTenantId: hints.officeTenantId } : {}),
    ...(hints.accountTenantId !== undefined ? { accountTenantId: hints.accountTenantId } : {}),
    ...(hints.accountType !== undefined ? { accountType: hints.accountType } : {}),
  });
  if (choice.kind === "personal") return choice;
  const pinned = config.tenant;
  if (
    choice.source === "default" &&
    pinned !== undefined &&
    tenantProblem(pinned, { allowOrganizations: false }) === undefined
  ) {
    return { kind: "tenant", tenant: pinned, source: "config" };
  }
  const fromDomain = hints.domainTenantId;
  if (choice.source === "default" && fromDomain !== undefined && isGuid(fromDomain)) {
    return { kind: "tenant", tenant: fromDomain, source: "domain" };
  }
  return choice;
}

/** A mailbox with no organisation behind it (outlook.com and the like): no administrator to consent. */
export function isPersonalAccount(accountType: string | undefined): boolean {
  return accountType !== undefined && tenantFor({ accountType }).kind === "personal";
}

export const TENANT_SOURCE_TEXT: Readonly<Record<TenantSource, string>> = {
  officeAuthContext: "from Outlook",
  account: "from your sign-in",
  idToken: "from your sign-in",
  config: "from the add-in's settings",
  domain: "from your e-mail address",
  default: "not known yet: Microsoft uses the administrator's own organisation",
};

/** The id the add-in's own approval link is remembered under (the callback names the app by it). */
export function ownAppId(config: AddinConfig): string {
  return (
    config.apps.find((app) => app.clientId?.toLowerCase() === config.clientId.toLowerCase())?.id ??
    "outlook-addin"
  );
}

export function ownAppName(config: AddinConfig): string {
  return (
    config.apps.find((app) => app.clientId?.toLowerCase() === config.clientId.toLowerCase())?.name ??
    "BlueJeans for Outlook"
  );
}

export type LinkResult = { ok: true; url: string } | { ok: false; problem: string };

/** The approval link of the add-in itself (its own client ID and the scopes it signs in with). */
export function ownConsentLink(
  config: AddinConfig,
  options: { tenant: string; origin: string; store: ConsentStateStore },
): LinkResult {
  try {
    return {
      ok: true,
      url: adminConsentUrl({
        authorityBase: authorityBaseFor(config),
        tenant: options.tenant,
        clientId: config.clientId,
        scopes: config.scopes,
        redirectUri: absoluteRedirectUri(config.consentRedirectUri, options.origin),
        state: options.store.issue(ownAppId(config)),
      }),
    };
  } catch (error) {
    if (error instanceof ConsentInputError) return { ok: false, problem: `${error.field}: ${error.problem}` };
    throw error;
  }
}

const KNOWN_SCOPES: Readonly<Record<string, string>> = {
  "user.read": "Sign you in and read your name and e-mail address.",
  "calendars.readwrite": "Read your calendar and add or update meetings in it.",
  "calendars.read": "Read your calendar.",
  "calendars.readwrite.shared": "Read and update calendars shared with you.",
  offline_access: "Stay connected, so you are not asked to sign in every time.",
  openid: "Sign you in.",
  profile: "Read your basic profile.",
  email: "Read your e-mail address.",
};

/** "Calendars.ReadWrite" from "https://graph.microsoft.com/Calendars.ReadWrite". */
export function scopeName(scope: string): string {
  return scope.replace(/^https?:\/\/[^/]+\//, "");
}

export function scopePurpose(scope: string): string {
  return KNOWN_SCOPES[scopeName(scope).toLowerCase()] ?? "A permission BlueJeans asks for by this name.";
}
