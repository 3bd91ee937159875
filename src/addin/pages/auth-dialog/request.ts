/**
 * What the pane asks of the sign-in dialog page, read from its address:
 *   ?scopes=a%20b&claims=...&loginHint=...           sign in with a redirect, answer with the result
 *   ?action=adminconsent&app={appId}&tenant={tenant}  go on to that app's admin-consent page
 * The admin-consent address is built here from the configuration, never taken from the query, so
 * the page cannot be used to send people elsewhere.
 */
import type { AddinConfig } from "../../../shared/consent/config";
import { scopeProblem, tenantProblem } from "../../../shared/consent/validate";

export type DialogRequest =
  | { kind: "signIn"; scopes: string[]; claims?: string; loginHint?: string }
  | { kind: "adminConsent"; appId: string; tenant: string }
  | { kind: "invalid"; reason: string };

const MAX_PARAM = 4096;

export function readDialogRequest(search: string, config: AddinConfig): DialogRequest {
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
  const scopes = (params.get("scopes") ?? "").split(" ").filter((s) => s !== "");
  if (scopes.some((s) => scopeProblem(s) !== undefined)) {
    return { kind: "invalid", reason: "The request lists a permission that is not valid." };
  }
  const request: DialogRequest = { kind: "signIn", scopes: scopes.length > 0 ? scopes : [...config.scopes] };
  const claims = params.get("claims");
  if (claims) request.claims = claims;
  const loginHint = params.get("loginHint");
  if (loginHint) request.loginHint = loginHint;
  return request;
}
