/**
 * The admin-consent callback page (consent-callback.html): reads Microsoft's answer, says what it
 * means, and tells the pane so it checks Microsoft 365 access again at once:
 * - inside an Office dialog, with a message to the opener (the host's DialogChildPort);
 * - in a browser window or tab, through localStorage (the pane listens for the "storage" event).
 */
import { createConsentStateStore, type StorageLike } from "../../../shared/consent/adminConsentUrl";
import { parseConsentCallback, type ConsentCallbackResult } from "../../../shared/consent/callback";
import type { DialogChildPort } from "../../host/ports";
import type { LoadedConfig } from "../../signin/loadConfig";
import { CONSENT_NOTICE_KEY, type ConsentNotice } from "../../signin/notice";
import { describeCallback, type CallbackView } from "./view";

export { CONSENT_NOTICE_KEY, type ConsentNotice };

export interface CallbackPageDeps {
  doc: Document;
  search: string;
  storage: StorageLike;
  loadConfig: () => Promise<LoadedConfig>;
  office?: DialogChildPort;
  now?: () => number;
  /** Removes the answer from the address bar so a reload does not show it again. */
  clearAddress?: () => void;
}

export function noticeFor(result: ConsentCallbackResult, at: number): ConsentNotice {
  const notice: ConsentNotice = { type: "bluejeans-consent", outcome: result.outcome, at };
  if (result.outcome !== "invalid") notice.appId = result.appId;
  return notice;
}

export function render(doc: Document, view: CallbackView): void {
  const root = doc.getElementById("root") ?? doc.body;
  const heading = doc.createElement("h1");
  heading.id = "result-heading";
  heading.textContent = view.heading;
  heading.tabIndex = -1;
  const box = doc.createElement("section");
  box.className = `result result--${view.tone}`;
  box.setAttribute("aria-labelledby", heading.id);
  box.setAttribute("data-testid", "consent-result");
  box.setAttribute("data-tone", view.tone);
  box.append(heading);
  for (const text of view.paragraphs) {
    const p = doc.createElement("p");
    p.textContent = text;
    box.append(p);
  }
  if (view.details !== undefined) {
    const label = doc.createElement("h2");
    label.textContent = "Details";
    const code = doc.createElement("pre");
    code.setAttribute("data-testid", "consent-details");
    code.textContent = view.details;
    box.append(label, code);
  }
  root.replaceChildren(box);
  heading.focus();
}

export async function runConsentCallback(deps: CallbackPageDeps): Promise<ConsentCallbackResult> {
  const store = createConsentStateStore(deps.storage);
  // The state is used up here: read it before anything else can fail.
  const result = parseConsentCallback(deps.search, store);
  deps.clearAddress?.();

  let appName: string | undefined;
  if (result.outcome !== "invalid") {
    const loaded = await deps.loadConfig().catch(() => undefined);
    if (loaded?.ok) appName = loaded.config.apps.find((app) => app.id === result.appId)?.name;
  }
  render(deps.doc, describeCallback(result, appName));

  const notice = noticeFor(result, (deps.now ?? Date.now)());
  if (result.outcome !== "invalid" || result.code !== "empty") {
    try {
      deps.storage.setItem(CONSENT_NOTICE_KEY, JSON.stringify(notice));
    } catch {
      // Storage full or blocked: the dialog message below, or the pane's own check, still works.
    }
  }
  if (deps.office && (await deps.office.ready().catch(() => false))) {
    // Refused: opened in a plain browser window, not an Office dialog, so nothing to tell.
    await deps.office.messageParent(JSON.stringify(notice)).catch(() => undefined);
  }
  return result;
}
