/**
 * What the consent section reads from Office besides the OutlookHost port: the mailbox account
 * type, Office's auth context (NestedAppAuth 1.1) and the dialog API. Every access is guarded:
 * older Outlook versions, the workbench and unit tests lack some of these.
 */

export interface ConsentOffice {
  /** Office.context.mailbox.userProfile.accountType ("enterprise", "outlookCom", ...). */
  accountType?: string;
  /** Office.auth.getAuthContext().tenantId, when Office offers it. */
  authContextTenantId(): Promise<string | undefined>;
  /** Opens a page of the add-in in an Office dialog; resolves with its first message. */
  openDialog?: (url: string) => Promise<string>;
}

/** An error shaped like MSAL's, so classifyAuthError reads dialog failures too. */
export interface DialogFailure {
  errorCode: string;
  errorMessage: string;
  officeDialogCode?: number;
}

/** Office's dialog error numbers in words the classification understands. */
export function dialogFailure(code: number, message = ""): DialogFailure {
  switch (code) {
    case 12006: // the person closed the dialog
    case 12009: // the person chose to ignore the dialog
      return {
        errorCode: "user_cancelled",
        errorMessage: "The window was closed before it finished.",
        officeDialogCode: code,
      };
    case 12007: // a dialog is already open from this add-in
      return {
        errorCode: "interaction_in_progress",
        errorMessage: "Another BlueJeans window is still open.",
        officeDialogCode: code,
      };
    case 12011: // the browser blocks pop-ups
      return {
        errorCode: "popup_window_error",
        errorMessage: "The browser blocked the window.",
        officeDialogCode: code,
      };
    default:
      return {
        errorCode: "dialog_error",
        errorMessage: `Office could not show the window (${code})${message ? `: ${message}` : ""}.`,
        officeDialogCode: code,
      };
  }
}

interface DialogLike {
  addEventHandler(eventType: string, handler: (arg: unknown) => void): void;
  close(): void;
}

interface OfficeLike {
  context?: {
    mailbox?: { userProfile?: { accountType?: unknown } };
    ui?: {
      displayDialogAsync?: (
        url: string,
        options: Record<string, unknown>,
        callback: (result: {
          status: string;
          value?: DialogLike;
          error?: { code: number; message: string };
        }) => void,
      ) => void;
    };
  };
  auth?: { getAuthContext?: () => Promise<{ tenantId?: unknown }> };
}

function officeGlobal(): OfficeLike | undefined {
  const candidate = (globalThis as { Office?: unknown }).Office;
  return typeof candidate === "object" && candidate !== null ? (candidate as OfficeLike) : undefined;
}

export function openOfficeDialog(office: OfficeLike, url: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const display = office.context?.ui?.displayDialogAsync;
    if (typeof display !== "function") {
      reject(dialogFailure(0, "no dialog API"));
      return;
    }
    display.call(office.context?.ui, url, { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
      if (result.status !== "succeeded" || result.value === undefined) {
        reject(dialogFailure(result.error?.code ?? 0, result.error?.message));
        return;
      }
      const dialog = result.value;
      let settled = false;
      dialog.addEventHandler("dialogMessageReceived", (arg) => {
        if (settled) return;
        settled = true;
        const message = (arg as { message?: unknown }).message;
        try {
          dialog.close();
        } catch {
          // Already closed.
        }
        resolve(typeof message === "string" ? message : "");
      });
      dialog.addEventHandler("dialogEventReceived", (arg) => {
        if (settled) return;
        settled = true;
        const code = (arg as { error?: unknown }).error;
        reject(dialogFailure(typeof code === "number" ? code : 0));
      });
    });
  });
}

export function consentOffice(isSetSupported: (name: string, version: string) => boolean): ConsentOffice {
  const office = officeGlobal();
  const accountType = office?.context?.mailbox?.userProfile?.accountType; // requirement set: optional (undefined before Mailbox 1.6)
  const result: ConsentOffice = {
    authContextTenantId: async () => {
      const getAuthContext = office?.auth?.getAuthContext;
      if (typeof getAuthContext !== "function" || !isSetSupported("NestedAppAuth", "1.1")) return undefined;
      try {
        const context = await getAuthContext.call(office?.auth);
        return typeof context?.tenantId === "string" && context.tenantId !== ""
          ? context.tenantId
          : undefined;
      } catch {
        return undefined;
      }
    },
  };
  if (typeof accountType === "string") result.accountType = accountType;
  if (office && typeof office.context?.ui?.displayDialogAsync === "function") {
    result.openDialog = (url) => openOfficeDialog(office, url);
  }
  return result;
}
