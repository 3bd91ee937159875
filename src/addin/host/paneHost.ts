/**
 * The task pane's host. Outlook's item, settings and user are there at once; the auth context and
 * Office dialogs (dialogs.ts) are only needed for sign-in and consent, so their code comes with the
 * consent section's chunk, after the first view. Call after Office.onReady.
 */
import { officeHost } from "./officeAdapter";
import type { DialogPort, PaneHost } from "./ports";

const loadDialogs = () => import(/* webpackChunkName: "consent" */ "./dialogs");

export function officePaneHost(): PaneHost {
  const host = officeHost();
  // Whether this Office has dialogs at all is known now (the consent section asks before it offers one).
  const hasDialogs = typeof Office.context?.ui?.displayDialogAsync === "function";
  const dialogs: DialogPort = {
    open: (url) =>
      loadDialogs().then((m) => {
        const port = m.officeDialogs();
        // Checked above already; Office does not take its dialog API away, but if it did: said.
        if (!port) throw m.dialogError(0, "this Office has no dialog API");
        return port.open(url);
      }),
  };
  return {
    ...host,
    authContext: () =>
      loadDialogs()
        .then((m) => m.officeAuthContext((name, version) => host.isSetSupported(name, version)))
        .catch(() => undefined),
    ...(hasDialogs ? { dialogs } : {}),
  };
}
