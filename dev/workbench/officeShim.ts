/**
 * Loaded by `/workbench/taskpane.html` and `/workbench/commands.html` in place of Microsoft's office.js.
 * Runs synchronously inside the add-in's frame, before the add-in's own bundles, and installs the fake Office
 * namespace that the workbench page (the parent window) builds for this frame.
 *
 * Keep this file free of imports with side effects: it must stay tiny and must not pull in the host.
 */
import type { WorkbenchApi } from "./types";

function findWorkbench(): WorkbenchApi | undefined {
  try {
    return window.parent !== window ? window.parent.__workbench : undefined;
  } catch {
    return undefined;
  }
}

const workbench = findWorkbench();
if (!workbench) {
  throw new Error(
    "office-shim: this page must be loaded inside the workbench (https://localhost:3000/workbench.html), " +
      "which provides the fake Office host.",
  );
}
(window as unknown as { Office: typeof Office }).Office = workbench.officeFor(window);
// Outlook's token bridge for nested app authentication, when the workbench reports NestedAppAuth 1.1.
// It must be there before the add-in's bundles run: MSAL looks for it when it starts.
const bridge = workbench.nestedAppAuthBridgeFor(window);
if (bridge) (window as unknown as { nestedAppAuthBridge: unknown }).nestedAppAuthBridge = bridge;
