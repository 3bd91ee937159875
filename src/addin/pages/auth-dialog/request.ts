/**
 * What the pane asks of the sign-in dialog page, read from its address:
 *   ?scopes=a%20b&claims=...&loginHint=...           sign in with a redirect, answer with the result
 *   ?action=adminconsent&app={appId}&tenant={tenant}  go on to that app's admin-consent page
 * The admin-consent address is built here from the configuration, never taken from the query, so
 * the page cannot be used to send people elsewhere. A sign-in asks only for what the add-in itself
 * asks for (the configuration's scopes and the API scope), with `claims` only when it is JSON (an
 * MFA or conditional-access challenge) and `loginHint` only when it is an e-mail address.
 */
import { apiScopeFor, type AddinConfig } from "../../../shared/consent/config";
import { tenantProblem } from "../../../shared/consent/validate";

export type DialogRequest =
  | { kind: "signIn"; scopes: string[]; claims?: string; loginHint?: string }
  | { kind: "adminConsent"; appId: string; tenant: string }
  | { kind: "invalid"; reason: string };

const MAX_PARAM = 4096;
/** An e-mail address as a sign-in name: one @, no spaces or angle brackets, a dotted domain. */
const EMAIL_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;
const MAX_EMAIL = 254;

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** `host` is the add-in's own host (the dialog page's), which the API scope names. */
export function readDialogRequest(search: string, config: AddinConfig, host: string): DialogRequest {
  const params = new URLSearchParams(search);
  for (const [, value] of params) {
    if (value.length > MAX_PARAM) return { kind: "invalid", reason: "The request is too long." };
  }
  if (params.get("action") === "adminconsent") {
    const appId = params.get("app") ?? "";
    const tenant = params.get("tenant") ?? "organizations";
    if (!config.apps.some((app) => app.id === appId)) {
      return { kind: "invalid", reason: "The request names a BlueJeans app this add-in does not know." };
    }
    const problem = tenantProblem(tenant, { allowOrganizations: true });
    if (problem !== undefined) {
      return { kind: "invalid", reason: `The organisation in the request is not valid (${problem}).` };
    }
    return { kind: "adminConsent", appId, tenant };
  }
  const allowed = new Set([...config.scopes, apiScopeFor(host, config.clientId)]);
  const scopes = (params.get("scopes") ?? "").split(" ").filter((s) => s !== "");
  if (scopes.some((s) => !allowed.has(s))) {
    return { kind: "invalid", reason: "The request asks for a permission BlueJeans does not use." };
  }
  const request: DialogRequest = { kind: "signIn", scopes: scopes.length > 0 ? scopes : [...config.scopes] };
  const claims = params.get("claims");
  if (claims) {
    if (!isJsonObject(claims)) {
      return { kind: "invalid", reason: "The request's sign-in challenge (claims) is not valid." };
    }
    request.claims = claims;
  }
  const loginHint = params.get("loginHint");
  if (loginHint) {
    if (loginHint.length > MAX_EMAIL || !EMAIL_ADDRESS.test(loginHint)) {
      return { kind: "invalid", reason: "The request's sign-in name is not an e-mail address." };
    }
    request.loginHint = loginHint;
  }
  return request;
}
