/**
 * Entry of the workbench page (`/workbench.html`): creates the fake Outlook host, exposes it as
 * `window.__workbench` (before any add-in frame loads) and builds the page.
 *
 * Start-up configuration, later sources winning: `window.__workbenchInit` (set by a test's init script), then the
 * query string `?body=html|text&theme=dark&fresh=1&latency=20&naa=1&mailbox=1.13&form=phone&email=…&account=…`.
 */
import { WorkbenchHost, configFromQuery } from "./host";
import { mountWorkbench } from "./ui";

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const config = configFromQuery(window.location.search, window.__workbenchInit ?? {});
const storage = localStorageOrUndefined();
const host = new WorkbenchHost({ config, ...(storage ? { storage } : {}) });
window.__workbench = host.api();
// Outlook's event runtime: the add-in's event script in a Web Worker (no DOM), served beside the pages.
const events = host.attachEvents(
  window,
  "/workbench/event-worker.js",
  config.eventsScriptUrl ?? "/events.js",
);
// Opening a new event raises OnNewAppointmentOrganizer.
events.start().then(
  () => host.fireEvent("OnNewAppointmentOrganizer"),
  () => undefined,
);

mountWorkbench(host, document, {
  ...(config.taskpaneUrl ? { taskpaneUrl: config.taskpaneUrl } : {}),
  ...(config.commandsUrl ? { commandsUrl: config.commandsUrl } : {}),
});
