/**
 * Reads what the admin-consent page sends back to the redirect URI.
 *
 * Success:  ?admin_consent=True&tenant={tid}&scope=...&state=...
 * Failure:  ?error=access_denied&error_description=AADSTS65004...&admin_consent=True&state=...
 * A failure also says admin_consent=True, so `error` decides first. Nothing is believed unless the
 * state is one this browser issued and has not used yet: anyone can craft a link to this page.
 */
import type { ConsentStateStore } from "./adminConsentUrl";
import { classifyAuthError, parseAadsts } from "./classify";
import type { ConsentErrorKind } from "./classify";
import { tenantProblem } from "./validate";

export type InvalidCallbackCode =
  "empty" | "duplicateParameter" | "missingState" | "unknownState" | "missingField" | "badValue";

export type ConsentCallbackResult =
  | { outcome: "granted"; tenant: string; appId: string }
  | {
      outcome: "failed";
      error: string;
      description: string;
      aadsts?: number;
      kind: ConsentErrorKind;
      appId: string;
    }
  | { outcome: "invalid"; code: InvalidCallbackCode; reason: string };

/** Parameters whose meaning would be ambiguous if they appeared twice. */
const SINGLE_VALUED = [
  "admin_consent",
  "tenant",
  "scope",
  "state",
  "error",
  "error_description",
  "error_uri",
];

function invalid(code: InvalidCallbackCode, reason: string): ConsentCallbackResult {
  return { outcome: "invalid", code, reason };
}

/** `search` is location.search (with or without the leading "?"). */
export function parseConsentCallback(search: string, stateStore: ConsentStateStore): ConsentCallbackResult {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query.trim() === "") return invalid("empty", "The page was opened without any consent result.");
  const params = new URLSearchParams(query);

  for (const name of SINGLE_VALUED) {
    if (params.getAll(name).length > 1) {
      return invalid("duplicateParameter", `The "${name}" parameter appears more than once.`);
    }
  }

  const state = params.get("state");
  if (state === null || state === "") {
    return invalid(
      "missingState",
      "The result has no state, so it cannot be matched to a request from here.",
    );
  }
  const issued = stateStore.take(state);
  if (issued === undefined) {
    return invalid(
      "unknownState",
      "The result does not match a request made from this browser, or it was already used or has expired.",
    );
  }

  const error = params.get("error");
  if (error !== null) {
    if (error === "") return invalid("badValue", 'The "error" parameter is empty.');
    const description = params.get("error_description") ?? "";
    const classified = classifyAuthError(
      { errorCode: error, errorMessage: description },
      { interactive: true, naa: false },
    );
    const aadsts = parseAadsts(description);
    const failed: ConsentCallbackResult = {
      outcome: "failed",
      error,
      description,
      kind: classified.kind,
      appId: issued.appId,
    };
    if (aadsts !== undefined) failed.aadsts = aadsts;
    return failed;
  }

  const adminConsent = params.get("admin_consent");
  if (adminConsent === null) return invalid("missingField", 'The "admin_consent" parameter is missing.');
  if (adminConsent.toLowerCase() !== "true") {
    return invalid(
      "badValue",
      `"admin_consent" is "${adminConsent}" without an error, which is not a known result.`,
    );
  }
  const tenant = params.get("tenant");
  if (tenant === null || tenant === "") return invalid("missingField", 'The "tenant" parameter is missing.');
  const problem = tenantProblem(tenant, { allowOrganizations: false });
  if (problem !== undefined) return invalid("badValue", `"tenant": ${problem}.`);
  return { outcome: "granted", tenant, appId: issued.appId };
}
