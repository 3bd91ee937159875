/**
 * The Office dialog page (auth-dialog.html) the pane opens when a sign-in popup cannot open, and to
 * start an admin consent from a page of the add-in's own origin (Office dialogs must start there).
 *
 * Sign-in: a standard MSAL client signs in with a redirect (auth-redirect.html brings the answer
 * back here), then the result goes to the pane as a dialog message (the host's DialogChildPort).
 */
import { createStandardPublicClientApplication } from "@azure/msal-browser";
import { officeDialogChild } from "../../host/dialogs";
import { adminConsentLinks, createConsentStateStore } from "../../../shared/consent/adminConsentUrl";
import {
  encodeDialogMessage,
  accountOf,
  errorFieldsOf,
  type AuthDialogMessage,
} from "../../signin/dialogMessage";
import { loadAddinConfig } from "../../signin/loadConfig";
import { msalConfiguration } from "../../signin/msalConfig";
import { readDialogRequest } from "./request";

const STARTED_KEY = "bluejeans.authDialog.started";

function say(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

const dialog = officeDialogChild();

async function send(message: AuthDialogMessage, text?: string): Promise<void> {
  say(
    text ??
      (message.ok
        ? "You are signed in. This window closes by itself; if it does not, close it."
        : "Sign-in did not finish. Close this window to see what happened in BlueJeans."),
  );
  if (!(await dialog.ready())) return;
  // Refused when not inside an Office dialog (opened directly): the text above is all there is to do.
  await dialog.messageParent(encodeDialogMessage(message)).catch(() => undefined);
}

/** A failure of this page itself (settings, request): its reason is shown as well as sent. */
function fail(errorCode: string, errorMessage: string): Promise<void> {
  return send(
    { type: "bluejeans-auth", ok: false, error: { errorCode, errorMessage } },
    `${errorMessage} Close this window and try again from BlueJeans.`,
  );
}

async function main(): Promise<void> {
  const loaded = await loadAddinConfig();
  if (!loaded.ok) return fail("configuration_missing", loaded.reason);
  const { config } = loaded;
  const request = readDialogRequest(window.location.search, config, window.location.host);

  if (request.kind === "invalid") return fail("invalid_request", request.reason);

  if (request.kind === "adminConsent") {
    const store = createConsentStateStore(window.localStorage);
    const link = adminConsentLinks(config, {
      tenant: request.tenant,
      origin: window.location.origin,
      store,
    }).find((l) => l.app.id === request.appId);
    if (!link || !("url" in link)) {
      return fail(
        "configuration_missing",
        "This BlueJeans app has no client ID in the add-in's settings yet.",
      );
    }
    say("Opening Microsoft's approval page…");
    window.location.replace(link.url);
    return;
  }

  const base = msalConfiguration(config, { origin: window.location.origin });
  // Office on the web may show the dialog in a frame (displayInIframe): allow the redirect there too.
  const client = await createStandardPublicClientApplication({
    ...base,
    system: { ...base.system, allowRedirectInIframe: true },
  });
  let result;
  try {
    result = await client.handleRedirectPromise();
  } catch (error) {
    window.sessionStorage.removeItem(STARTED_KEY);
    return send({ type: "bluejeans-auth", ok: false, error: errorFieldsOf(error) });
  }
  if (result) {
    window.sessionStorage.removeItem(STARTED_KEY);
    const account = accountOf(result.account);
    if (!account) return fail("no_account_error", "Microsoft signed you in but sent no account.");
    return send({ type: "bluejeans-auth", ok: true, account });
  }
  if (window.sessionStorage.getItem(STARTED_KEY) !== null) {
    window.sessionStorage.removeItem(STARTED_KEY);
    return fail("user_cancelled", "The sign-in page came back without an answer.");
  }
  window.sessionStorage.setItem(STARTED_KEY, "1");
  await client.acquireTokenRedirect({
    scopes: request.scopes,
    redirectStartPage: window.location.href,
    ...(request.claims ? { claims: request.claims } : {}),
    ...(request.loginHint ? { loginHint: request.loginHint } : {}),
  });
}

main().catch((error: unknown) => {
  void send({ type: "bluejeans-auth", ok: false, error: errorFieldsOf(error) });
});
