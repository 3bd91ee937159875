/**
 * Starting Microsoft 365 access: the configuration, Office's tenant, the sign-in client (MSAL, in
 * its own chunk), then one quiet check. Every step reports to the pane's model (state.ts), so a
 * failure anywhere is shown by the pane instead of being lost. Whoever calls this decides when
 * (at mount, on idle, on demand).
 */
import type { PaneHost } from "../../../host/ports";
import type { AuthEnvironment } from "../../../signin";
import { loadAddinConfig, type LoadedConfig } from "../../../signin/loadConfig";
import { lookupTenant, type TenantLookupDeps } from "../../../signin/tenantLookup";
import { authorityBaseFor } from "../../../../shared/consent/config";
import { mailDomainOf } from "../../../../shared/consent/tenantDiscovery";
import { SIGN_IN_PART_MISSING, type PaneAction } from "../state";
import { isPersonalAccount } from "./model";

type AuthModule = typeof import("../../../signin");

const loadAuthModule = (): Promise<AuthModule> => import(/* webpackChunkName: "msal" */ "../../../signin");

export interface AccessDeps {
  /** Where the configuration comes from; /config.json by default. */
  loadConfig?: () => Promise<LoadedConfig>;
  /** Where MSAL's wrapper comes from; its own chunk by default. */
  loadAuth?: () => Promise<Pick<AuthModule, "createAuth">>;
  now?: () => number;
  /** How the mailbox domain's organisation is looked up; the sign-in service and localStorage by default. */
  tenantLookup?: TenantLookupDeps;
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export async function startAccess(
  host: PaneHost,
  dispatch: (action: PaneAction) => void,
  deps: AccessDeps = {},
): Promise<void> {
  dispatch({ type: "accessStarting" });
  const loaded = await (deps.loadConfig ?? loadAddinConfig)().catch((): LoadedConfig => ({
    ok: false,
    reason: "The add-in's sign-in settings could not be read.",
    problems: ["/config.json: unreadable"],
  }));
  dispatch({ type: "configLoaded", loaded });
  if (!loaded.ok) return;

  const officeTenant = await host.authContext().catch(() => undefined);
  dispatch({ type: "officeTenantRead", ...(officeTenant ? { tenantId: officeTenant.tenantId } : {}) });

  // A first visit has no account yet: the mailbox's domain names the organisation. Looked up beside
  // the check, never before it; the links refine when the answer comes.
  const domain = mailDomainOf(host.user.emailAddress);
  if (
    domain &&
    !officeTenant &&
    loaded.config.tenant === undefined &&
    !isPersonalAccount(host.user.accountType)
  ) {
    const storage = localStorageOrUndefined();
    void lookupTenant(authorityBaseFor(loaded.config), domain, {
      ...(storage ? { storage } : {}),
      ...deps.tenantLookup,
    }).then((tenantId) => {
      if (tenantId) dispatch({ type: "domainTenantFound", tenantId });
    });
  }

  let auth;
  try {
    const { createAuth } = await (deps.loadAuth ?? loadAuthModule)();
    const env: AuthEnvironment = {
      naaSupported: host.isSetSupported("NestedAppAuth", "1.1"),
      origin: window.location.origin,
      dialogPageUrl: new URL("auth-dialog.html", window.location.href).href,
    };
    if (officeTenant) env.officeTenantId = officeTenant.tenantId;
    if (host.user.emailAddress) env.loginHint = host.user.emailAddress;
    const dialogs = host.dialogs;
    if (dialogs) env.openDialog = (url) => dialogs.open(url);
    auth = createAuth(loaded.config, env);
  } catch {
    dispatch({ type: "clientFailed", problem: SIGN_IN_PART_MISSING });
    return;
  }
  dispatch({ type: "clientReady", auth });
  // A personal account has no organisation to consent for: nothing to check.
  if (isPersonalAccount(host.user.accountType)) {
    dispatch({ type: "checkSkipped" });
    return;
  }
  const result = await auth.checkSilently();
  dispatch({ type: "checkSettled", result, attempt: "silent", at: (deps.now ?? Date.now)() });
}
