/**
 * Office dialogs and the auth context, as promises: the opener's side (displayDialogAsync), the
 * dialog page's side (messageParent) and Office.auth.getAuthContext(). Part of the adapter: only
 * this folder touches `Office.*`. Every access is guarded, because older Outlook versions, pages
 * opened outside Office and the workbench lack some of these.
 */
import { AddinError } from "./errors";
import type { AuthContext, DialogChildPort, DialogPort } from "./ports";

/**
 * A dialog that could not open or did not answer. Also shaped like an MSAL error (`errorCode`,
 * `errorMessage`), so the sign-in classification reads it like any other sign-in failure.
 */
export class DialogError extends AddinError {
  constructor(
    readonly errorCode: string,
    readonly errorMessage: string,
    action: string,
    /** Office's own number (12006 closed, 12007 already open, 12011 blocked, ...); 0 when none. */
    readonly officeDialogCode: number,
  ) {
    super(
      errorMessage,
      action,
      `office.ui.${errorCode}`,
      officeDialogCode ? `code ${officeDialogCode}` : undefined,
    );
  }
}

/** Office's dialog error numbers in words people and the classification understand. */
export function dialogError(code: number, message = ""): DialogError {
  switch (code) {
    case 12006: // the person closed the dialog
    case 12009: // the person chose to ignore the dialog
      return new DialogError(
        "user_cancelled",
        "The window was closed before it finished.",
        "Try again.",
        code,
      );
    case 12007: // a dialog is already open from this add-in
      return new DialogError(
        "interaction_in_progress",
        "Another BlueJeans window is still open.",
        "Finish or close the other window, then try again.",
        code,
      );
    case 12011: // the browser blocks pop-ups
      return new DialogError(
        "popup_window_error",
        "The browser blocked the window.",
        "Allow pop-ups for Outlook, then try again.",
        code,
      );
    default:
      return new DialogError(
        "dialog_error",
        `Office could not show the window (${code})${message ? `: ${message}` : ""}.`,
        "Try again. If it keeps failing, close and reopen the appointment.",
        code,
      );
  }
}

function officeOrUndefined(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

// The strings of Office.EventType, which older office.js (and the workbench) may not define.
const DIALOG_MESSAGE = "dialogMessageReceived" as unknown as Office.EventType;
const DIALOG_EVENT = "dialogEventReceived" as unknown as Office.EventType;

/** A message from a page that is not the add-in's own (or from an Office that names no origin). */
function untrustedMessage(origin: unknown): DialogError {
  return new DialogError(
    "untrusted_dialog_message",
    `The BlueJeans window answered from ${typeof origin === "string" && origin !== "" ? origin : "an unknown address"}, which is not BlueJeans' own, so the answer was ignored.`,
    "Close the window and try again. If it keeps happening, tell your administrator.",
    0,
  );
}

/** `ownOrigin` is the add-in's origin: only messages the dialog sends from it are answers. */
function openDialog(ui: Office.UI, url: string, ownOrigin: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const settle = (result: Office.AsyncResult<Office.Dialog>) => {
      if (String(result.status) !== "succeeded") {
        reject(dialogError(result.error?.code ?? 0, result.error?.message));
        return;
      }
      const dialog = result.value;
      let settled = false;
      dialog.addEventHandler(DIALOG_MESSAGE, (arg) => {
        if (settled) return;
        settled = true;
        const { message, origin } = arg as { message?: unknown; origin?: unknown };
        try {
          dialog.close();
        } catch {
          // Already closed.
        }
        if (origin !== ownOrigin) reject(untrustedMessage(origin));
        else resolve(typeof message === "string" ? message : "");
      });
      dialog.addEventHandler(DIALOG_EVENT, (arg) => {
        if (settled) return;
        settled = true;
        const code = (arg as { error?: unknown }).error;
        reject(dialogError(typeof code === "number" ? code : 0));
      });
    };
    try {
      ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, settle);
    } catch (error) {
      reject(dialogError(0, error instanceof Error ? error.message : "no dialog API"));
    }
  });
}

/**
 * The dialog API of this Office, or undefined where it has none. `ownOrigin` (this page's origin
 * by default, else the dialog address's) is the only origin whose messages are accepted.
 */
export function officeDialogs(
  ownOrigin: string | undefined = globalThis.location?.origin,
): DialogPort | undefined {
  const ui = officeOrUndefined()?.context?.ui;
  if (!ui || typeof ui.displayDialogAsync !== "function") return undefined;
  return { open: (url) => openDialog(ui, url, ownOrigin ?? new URL(url).origin) };
}

/** The side of a page shown in an Office dialog. Works (answering false) where Office is absent. */
export function officeDialogChild(): DialogChildPort {
  return {
    ready: async () => {
      const office = officeOrUndefined();
      if (!office || typeof office.onReady !== "function") return false;
      try {
        await office.onReady();
      } catch {
        return false;
      }
      return typeof office.context?.ui?.messageParent === "function";
    },
    messageParent: async (message) => {
      try {
        Office.context.ui.messageParent(message);
      } catch (error) {
        throw new AddinError(
          "This page is not shown in an Outlook window, so it cannot answer BlueJeans.",
          "Close this window and try again from BlueJeans.",
          "office.ui.messageParent",
          error instanceof Error ? error.message : undefined,
        );
      }
    },
  };
}

/**
 * Office.auth.getAuthContext() where NestedAppAuth 1.1 is supported; undefined where it is not or
 * Office gives no tenant. Rejects with an AddinError when Office fails to answer.
 */
export async function officeAuthContext(
  isSetSupported: (name: string, version: string) => boolean,
): Promise<AuthContext | undefined> {
  const auth = officeOrUndefined()?.auth as { getAuthContext?: () => Promise<unknown> } | undefined;
  if (typeof auth?.getAuthContext !== "function" || !isSetSupported("NestedAppAuth", "1.1")) return undefined;
  let context: unknown;
  try {
    context = await auth.getAuthContext();
  } catch (error) {
    throw new AddinError(
      "Outlook could not say which organisation you are signed in to.",
      "Sign in when BlueJeans asks.",
      "office.auth.getAuthContext",
      error instanceof Error ? error.message : undefined,
    );
  }
  if (typeof context !== "object" || context === null) return undefined;
  const { tenantId, userPrincipalName } = context as { tenantId?: unknown; userPrincipalName?: unknown };
  if (typeof tenantId !== "string" || tenantId === "") return undefined;
  return typeof userPrincipalName === "string" && userPrincipalName !== ""
    ? { tenantId, userPrincipalName }
    : { tenantId };
}
