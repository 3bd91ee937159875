/** Entry of consent-callback.html. */
import { loadAddinConfig } from "../../signin/loadConfig";
import { runConsentCallback, type OfficeDialogChild } from "./index";

function officeChild(): OfficeDialogChild | undefined {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return undefined;
  return {
    ready: () => Office.onReady().then(() => typeof Office.context?.ui?.messageParent === "function"),
    messageParent: (message) => Office.context.ui.messageParent(message),
  };
}

const office = officeChild();
void runConsentCallback({
  doc: document,
  search: window.location.search,
  storage: window.localStorage,
  loadConfig: () => loadAddinConfig(),
  ...(office ? { office } : {}),
  clearAddress: () => window.history.replaceState(null, "", window.location.pathname),
});
