/** Entry of consent-callback.html. */
import { officeDialogChild } from "../../host/dialogs";
import { loadAddinConfig } from "../../signin/loadConfig";
import { runConsentCallback } from "./index";

void runConsentCallback({
  doc: document,
  search: window.location.search,
  storage: window.localStorage,
  loadConfig: () => loadAddinConfig(),
  office: officeDialogChild(),
  clearAddress: () => window.history.replaceState(null, "", window.location.pathname),
});
