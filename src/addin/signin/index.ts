/**
 * Token acquisition for the pane with msal-browser v5, reporting every failure as one of the
 * consent core's classes. Loaded only with a dynamic import(): MSAL is not part of the first load.
 *
 * - Outlook with nested app authentication (NestedAppAuth 1.1): the nestable client, which talks
 *   to Outlook's bridge (and becomes a standard client where no bridge answers).
 * - Elsewhere: the standard client; interactive sign-in in a popup, and where no popup can open,
 *   the Office dialog (auth-dialog.html, which signs in with a redirect and sends the result back).
 */
import {
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type PopupRequest,
  type SilentRequest,
  type SsoSilentRequest,
} from "@azure/msal-browser";
import { classifyAuthError, type ClassifiedAuthError } from "../../shared/consent/classify";
import type { AddinConfig } from "../../shared/consent/config";
import { accountOf, parseDialogMessage, type AuthAccount } from "./dialogMessage";
import { msalConfiguration } from "./msalConfig";

export type { AuthAccount } from "./dialogMessage";
export { msalConfiguration, usesLocalAuthority } from "./msalConfig";

export type AuthState =
  | { status: "ok"; account: AuthAccount }
  | { status: "problem"; classification: ClassifiedAuthError; account?: AuthAccount };

export interface AuthEnvironment {
  /** Office reports NestedAppAuth 1.1 (Outlook can hand out tokens itself). */
  naaSupported: boolean;
  /** Office.auth.getAuthContext().tenantId, when known. */
  officeTenantId?: string;
  /** The add-in's origin, for redirect URIs given as paths. */
  origin: string;
  /** The mailbox's address, so Microsoft can sign in the right person without asking. */
  loginHint?: string;
  /**
   * Opens a page in an Office dialog and resolves with the first message it sends
   * (messageParent); rejects when the dialog cannot open or is closed.
   */
  openDialog?: (url: string) => Promise<string>;
  /** Where auth-dialog.html is; defaults to {origin}/auth-dialog.html. */
  dialogPageUrl?: string;
}

/** The part of MSAL's PublicClientApplication this module uses. */
export interface AuthClient {
  getActiveAccount(): AccountInfo | null;
  getAllAccounts(): AccountInfo[];
  setActiveAccount(account: AccountInfo | null): void;
  acquireTokenSilent(request: SilentRequest): Promise<AuthenticationResult>;
  ssoSilent(request: SsoSilentRequest): Promise<AuthenticationResult>;
  acquireTokenPopup(request: PopupRequest): Promise<AuthenticationResult>;
}

export interface MsalFactories {
  createNestablePublicClientApplication(configuration: Configuration): Promise<AuthClient>;
  createStandardPublicClientApplication(configuration: Configuration): Promise<AuthClient>;
}

export interface AuthDeps {
  msal?: MsalFactories;
  /** The window MSAL runs in (where Outlook's bridge would be); defaults to the global window. */
  window?: Window;
}

export interface Auth {
  /** Which client was made: "naa" (Outlook's bridge) or "standard". */
  readonly mode: "naa" | "standard";
  /** Tries to get a token without showing anything. `forceRefresh` skips cached access tokens. */
  checkSilently(options?: { forceRefresh?: boolean }): Promise<AuthState>;
  /** Signs in in a popup (or the Office dialog when no popup can open). Call from a click. */
  signInInteractive(): Promise<AuthState>;
  /** An access token for the scopes, without showing anything; throws AuthProblem when it cannot. */
  getApiToken(scopes: readonly string[]): Promise<string>;
}

/** A failure of getApiToken, classified. */
export class AuthProblem extends Error {
  override readonly name = "AuthProblem";
  constructor(readonly classification: ClassifiedAuthError) {
    super(classification.message);
  }
}

const DEFAULT_FACTORIES: MsalFactories = {
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
};

/** Codes that mean no popup could be shown at all, so the Office dialog is worth a try. */
const POPUP_CANNOT_OPEN = new Set(["popup_window_error", "empty_window_error"]);

function bridgePresent(win: Window | undefined): boolean {
  if (win === undefined) return false;
  return (win as unknown as { nestedAppAuthBridge?: unknown }).nestedAppAuthBridge !== undefined;
}

export function createAuth(config: AddinConfig, env: AuthEnvironment, deps: AuthDeps = {}): Auth {
  const factories = deps.msal ?? DEFAULT_FACTORIES;
  const win = deps.window ?? (typeof window === "undefined" ? undefined : window);
  // createNestablePublicClientApplication itself falls back to a standard client without a bridge.
  const naa = env.naaSupported && bridgePresent(win);
  const mode = naa ? "naa" : "standard";
  const configuration = msalConfiguration(config, { origin: env.origin });

  let client: Promise<AuthClient> | undefined;
  const getClient = (): Promise<AuthClient> => {
    if (client === undefined) {
      const made = env.naaSupported
        ? factories.createNestablePublicClientApplication(configuration)
        : factories.createStandardPublicClientApplication(configuration);
      client = made;
      // A failed start may be retried (a transient bridge failure should not stick).
      made.catch(() => {
        if (client === made) client = undefined;
      });
    }
    return client;
  };

  let lastProblem: ClassifiedAuthError | undefined;
  /**
   * Whom sign-in last knew (the cached account, or the last successful result): a later failure
   * that names nobody (an interactive sign-in refused for admin consent) still reports them, so
   * the remedy keeps their organisation and roles.
   */
  let lastAccount: AuthAccount | undefined;
  const scopes = [...config.scopes];

  const problem = (error: unknown, interactive: boolean, known?: AuthAccount): AuthState => {
    const classification = classifyAuthError(error, { interactive, naa });
    lastProblem = classification;
    const account = known ?? lastAccount;
    if (known) lastAccount = known;
    return account ? { status: "problem", classification, account } : { status: "problem", classification };
  };

  const succeeded = (result: AuthenticationResult, target: AuthClient): AuthState => {
    lastProblem = undefined;
    if (result.account) target.setActiveAccount(result.account);
    const account = accountOf(result.account) ?? { username: "", tenantId: result.tenantId, name: "" };
    if (account.tenantId === "") account.tenantId = result.tenantId || env.officeTenantId || "";
    lastAccount = account;
    return { status: "ok", account };
  };

  const knownAccount = (target: AuthClient): AccountInfo | null =>
    target.getActiveAccount() ?? target.getAllAccounts()[0] ?? null;

  const silentResult = async (
    target: AuthClient,
    wanted: string[],
    forceRefresh: boolean,
  ): Promise<AuthenticationResult> => {
    const account = knownAccount(target);
    if (account) return target.acquireTokenSilent({ scopes: wanted, account, forceRefresh });
    if (naa) return target.acquireTokenSilent({ scopes: wanted, forceRefresh });
    return target.ssoSilent({ scopes: wanted, ...(env.loginHint ? { loginHint: env.loginHint } : {}) });
  };

  const viaDialog = async (target: AuthClient, popupError: unknown): Promise<AuthState> => {
    const openDialog = env.openDialog;
    if (!openDialog) return problem(popupError, true);
    const url = new URL(env.dialogPageUrl ?? "/auth-dialog.html", env.origin);
    url.searchParams.set("scopes", scopes.join(" "));
    if (lastProblem?.claims) url.searchParams.set("claims", lastProblem.claims);
    if (env.loginHint) url.searchParams.set("loginHint", env.loginHint);
    let text: string;
    try {
      text = await openDialog(url.href);
    } catch (error) {
      return problem(error, true, accountOf(knownAccount(target)));
    }
    const message = parseDialogMessage(text);
    if (message === undefined) {
      return problem(
        {
          errorCode: "invalid_dialog_message",
          errorMessage: "The sign-in window sent an answer that could not be read.",
        },
        true,
      );
    }
    if (!message.ok) return problem(message.error, true, accountOf(knownAccount(target)));
    lastProblem = undefined;
    lastAccount = message.account;
    // The dialog wrote to the shared cache: use its account for later silent calls when it is there.
    const cached = target.getAllAccounts().find((a) => a.username === message.account.username);
    if (cached) target.setActiveAccount(cached);
    return { status: "ok", account: message.account };
  };

  return {
    mode,
    async checkSilently(options = {}) {
      let target: AuthClient;
      try {
        target = await getClient();
      } catch (error) {
        return problem(error, false);
      }
      try {
        return succeeded(await silentResult(target, scopes, options.forceRefresh === true), target);
      } catch (error) {
        const account = accountOf(knownAccount(target));
        return problem(error, false, account);
      }
    },

    async signInInteractive() {
      let target: AuthClient;
      try {
        target = await getClient();
      } catch (error) {
        return problem(error, true);
      }
      const request: PopupRequest = { scopes };
      if (lastProblem?.claims) request.claims = lastProblem.claims;
      if (lastProblem?.kind === "wrongAccount") request.prompt = "select_account";
      else if (env.loginHint) request.loginHint = env.loginHint;
      try {
        return succeeded(await target.acquireTokenPopup(request), target);
      } catch (error) {
        const code = (error as { errorCode?: unknown } | null)?.errorCode;
        if (typeof code === "string" && POPUP_CANNOT_OPEN.has(code)) return viaDialog(target, error);
        return problem(error, true, accountOf(knownAccount(target)));
      }
    },

    async getApiToken(wanted) {
      let target: AuthClient;
      try {
        target = await getClient();
        const result = await silentResult(target, [...wanted], false);
        return result.accessToken;
      } catch (error) {
        throw new AuthProblem(classifyAuthError(error, { interactive: false, naa }));
      }
    },
  };
}
