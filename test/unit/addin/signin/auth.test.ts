import type { AccountInfo, AuthenticationResult, Configuration } from "@azure/msal-browser";
import {
  AuthProblem,
  createAuth,
  msalConfiguration,
  type AuthClient,
  type AuthEnvironment,
  type MsalFactories,
} from "../../../../src/addin/signin";
import { encodeDialogMessage } from "../../../../src/addin/signin/dialogMessage";
import { parseConfig, type AddinConfig } from "../../../../src/shared/consent/config";
import devConfig from "../../../../dev/addin-config.dev.json";

const TENANT = "4f1c2b7e-9a3d-4e68-b5c1-7d2e8a90f3b6";
const ORIGIN = "https://127.0.0.1:3100";

function config(patch: Record<string, unknown> = {}): AddinConfig {
  const parsed = parseConfig({ ...devConfig, ...patch });
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.config;
}

const LOCAL = { authority: "https://localhost:8443", knownAuthorities: ["localhost:8443"] };

function account(patch: Partial<AccountInfo> = {}): AccountInfo {
  return {
    homeAccountId: `oid.${TENANT}`,
    environment: "login.microsoftonline.com",
    tenantId: TENANT,
    username: "alexw@contoso.com",
    localAccountId: "oid",
    name: "Alex Wilber",
    idTokenClaims: { tid: TENANT, wids: ["62e90394-69f5-4237-9190-012177145e10"] },
    ...patch,
  };
}

function result(acc: AccountInfo = account()): AuthenticationResult {
  return {
    authority: "https://login.microsoftonline.com/organizations",
    uniqueId: "oid",
    tenantId: TENANT,
    scopes: ["User.Read"],
    account: acc,
    idToken: "id",
    idTokenClaims: {},
    accessToken: "access-token",
    fromCache: false,
    expiresOn: null,
    tokenType: "Bearer",
    correlationId: "c",
  };
}

/** An MSAL error as MSAL shapes it: class name plus errorCode/subError/errorMessage/correlationId. */
function msalError(fields: Record<string, string>): Error {
  return Object.assign(new Error(fields.errorMessage ?? fields.errorCode), fields);
}

class FakeClient implements AuthClient {
  active: AccountInfo | null = null;
  accounts: AccountInfo[] = [];
  calls: string[] = [];
  silent: () => Promise<AuthenticationResult> = async () => result();
  sso: () => Promise<AuthenticationResult> = async () => result();
  popup: () => Promise<AuthenticationResult> = async () => result();
  lastPopupRequest: unknown;
  lastSilentRequest: unknown;

  getActiveAccount() {
    return this.active;
  }
  getAllAccounts() {
    return this.accounts;
  }
  setActiveAccount(a: AccountInfo | null) {
    this.active = a;
  }
  acquireTokenSilent(request: unknown) {
    this.calls.push("acquireTokenSilent");
    this.lastSilentRequest = request;
    return this.silent();
  }
  ssoSilent() {
    this.calls.push("ssoSilent");
    return this.sso();
  }
  acquireTokenPopup(request: unknown) {
    this.calls.push("acquireTokenPopup");
    this.lastPopupRequest = request;
    return this.popup();
  }
}

function factories(client: FakeClient) {
  const made: Array<{ kind: "nestable" | "standard"; configuration: Configuration }> = [];
  const msal: MsalFactories = {
    createNestablePublicClientApplication: async (configuration) => {
      made.push({ kind: "nestable", configuration });
      return client;
    },
    createStandardPublicClientApplication: async (configuration) => {
      made.push({ kind: "standard", configuration });
      return client;
    },
  };
  return { msal, made };
}

function env(patch: Partial<AuthEnvironment> = {}): AuthEnvironment {
  return { naaSupported: false, origin: ORIGIN, ...patch };
}

const windowWithBridge = () => ({ nestedAppAuthBridge: {} }) as unknown as Window;
const plainWindow = () => ({}) as unknown as Window;

describe("client choice", () => {
  test("NestedAppAuth 1.1 supported: the nestable client, in NAA mode when Outlook's bridge is there", async () => {
    const client = new FakeClient();
    const { msal, made } = factories(client);
    const auth = createAuth(config(), env({ naaSupported: true }), { msal, window: windowWithBridge() });
    expect(auth.mode).toBe("naa");
    await auth.checkSilently();
    expect(made.map((m) => m.kind)).toEqual(["nestable"]);
    // Under NAA there is no account in the cache: Outlook's bridge is asked directly.
    expect(client.calls).toEqual(["acquireTokenSilent"]);
  });

  test("NestedAppAuth supported but no bridge: still the nestable factory (it falls back), standard mode", async () => {
    const client = new FakeClient();
    const { msal, made } = factories(client);
    const auth = createAuth(config(), env({ naaSupported: true }), { msal, window: plainWindow() });
    expect(auth.mode).toBe("standard");
    await auth.checkSilently();
    expect(made.map((m) => m.kind)).toEqual(["nestable"]);
    expect(client.calls).toEqual(["ssoSilent"]);
  });

  test("NestedAppAuth not supported: the standard client, even with a bridge object lying around", async () => {
    const client = new FakeClient();
    const { msal, made } = factories(client);
    const auth = createAuth(config(), env(), { msal, window: windowWithBridge() });
    expect(auth.mode).toBe("standard");
    await auth.checkSilently();
    await auth.checkSilently();
    expect(made.map((m) => m.kind)).toEqual(["standard"]); // made once, reused
  });

  test("a failed start is classified and retried on the next call", async () => {
    const client = new FakeClient();
    let attempts = 0;
    const msal: MsalFactories = {
      createNestablePublicClientApplication: async () => client,
      createStandardPublicClientApplication: async () => {
        attempts += 1;
        if (attempts === 1) throw msalError({ name: "BrowserAuthError", errorCode: "crypto_nonexistent" });
        return client;
      },
    };
    const auth = createAuth(config(), env(), { msal, window: plainWindow() });
    const first = await auth.checkSilently();
    expect(first).toMatchObject({ status: "problem", classification: { kind: "configurationError" } });
    expect(await auth.checkSilently()).toMatchObject({ status: "ok" });
  });
});

describe("MSAL configuration", () => {
  test("production: Microsoft's authority, redirect bridge (no legacy polling), shared cache", () => {
    const configuration = msalConfiguration(config(), { origin: ORIGIN });
    expect(configuration.auth).toEqual({
      clientId: devConfig.clientId,
      authority: "https://login.microsoftonline.com/organizations",
      redirectUri: `${ORIGIN}/auth-redirect.html`,
    });
    expect(configuration.system).toBeUndefined();
    expect(configuration.cache).toEqual({ cacheLocation: "localStorage" });
  });

  test("local identity provider: OIDC mode, known authority, inline metadata, query answers through the redirect bridge", () => {
    const configuration = msalConfiguration(config(LOCAL), { origin: ORIGIN });
    expect(configuration.auth.authority).toBe("https://localhost:8443/organizations");
    expect(configuration.auth.knownAuthorities).toEqual(["localhost:8443"]);
    expect(configuration.auth.OIDCOptions?.responseMode).toBe("query");
    expect(JSON.parse(configuration.auth.authorityMetadata ?? "{}")).toMatchObject({
      authorization_endpoint: "https://localhost:8443/organizations/oauth2/v2.0/authorize",
      token_endpoint: "https://localhost:8443/organizations/oauth2/v2.0/token",
      jwks_uri: "https://localhost:8443/organizations/discovery/v2.0/keys",
    });
    expect(configuration.system).toMatchObject({ protocolMode: "OIDC", popupBridgeTimeout: 10_000 });
    // Polling the popup would fail under the pages' Cross-Origin-Opener-Policy: same-origin.
    expect(configuration.system?.enableLegacyPolling).toBeUndefined();
  });

  test("a pinned tenant goes into the authority", () => {
    const configuration = msalConfiguration(config({ ...LOCAL, tenant: TENANT }), { origin: ORIGIN });
    expect(configuration.auth.authority).toBe(`https://localhost:8443/${TENANT}`);
  });
});

describe("silent check", () => {
  test("ok: the account's name, tenant and directory roles", async () => {
    const client = new FakeClient();
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    expect(await auth.checkSilently()).toEqual({
      status: "ok",
      account: {
        username: "alexw@contoso.com",
        tenantId: TENANT,
        name: "Alex Wilber",
        wids: ["62e90394-69f5-4237-9190-012177145e10"],
      },
    });
    expect(client.active?.username).toBe("alexw@contoso.com");
  });

  test("with an account in the cache: acquireTokenSilent for it, forceRefresh passed on", async () => {
    const client = new FakeClient();
    client.accounts = [account()];
    const auth = createAuth(config(), env({ loginHint: "alexw@contoso.com" }), {
      msal: factories(client).msal,
      window: plainWindow(),
    });
    await auth.checkSilently({ forceRefresh: true });
    expect(client.calls).toEqual(["acquireTokenSilent"]);
    expect(client.lastSilentRequest).toMatchObject({
      forceRefresh: true,
      account: { username: "alexw@contoso.com" },
    });
  });

  test("AADSTS65001 from a silent call: the person can consent (userConsentNeeded)", async () => {
    const client = new FakeClient();
    client.sso = async () => {
      throw msalError({
        name: "InteractionRequiredAuthError",
        errorCode: "consent_required",
        errorMessage: "AADSTS65001: The user or administrator has not consented.",
        correlationId: "corr-1",
      });
    };
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    expect(await auth.checkSilently()).toMatchObject({
      status: "problem",
      classification: { kind: "userConsentNeeded", aadsts: 65001, correlationId: "corr-1" },
    });
  });

  test("under NAA (no subError, no correlation id) the AADSTS number in the message still decides", async () => {
    const client = new FakeClient();
    client.silent = async () => {
      throw msalError({
        name: "ServerError",
        errorCode: "unauthorized_client",
        errorMessage: "AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.",
        correlationId: "",
      });
    };
    const auth = createAuth(config(), env({ naaSupported: true }), {
      msal: factories(client).msal,
      window: windowWithBridge(),
    });
    const state = await auth.checkSilently();
    expect(state).toMatchObject({
      status: "problem",
      classification: { kind: "appNotInTenant", aadsts: 700016 },
    });
    expect(state.status === "problem" && state.classification.correlationId).toBeUndefined();
  });
});

describe("interactive sign-in", () => {
  test("AADSTS90094 after the popup: admin consent required", async () => {
    const client = new FakeClient();
    client.popup = async () => {
      throw msalError({
        name: "ServerError",
        errorCode: "access_denied",
        errorMessage: "AADSTS90094: The grant requires admin permission.",
        errorNo: "90094",
      });
    };
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    expect(await auth.signInInteractive()).toMatchObject({
      status: "problem",
      classification: { kind: "adminConsentRequired" },
    });
  });

  test("a claims challenge from the last failure goes into the popup request", async () => {
    const client = new FakeClient();
    client.sso = async () => {
      throw msalError({
        name: "InteractionRequiredAuthError",
        errorCode: "interaction_required",
        errorMessage: "AADSTS50076: multi-factor authentication",
        claims: '{"access_token":{"capolids":{"essential":true}}}',
      });
    };
    const auth = createAuth(config(), env({ loginHint: "alexw@contoso.com" }), {
      msal: factories(client).msal,
      window: plainWindow(),
    });
    expect(await auth.checkSilently()).toMatchObject({ classification: { kind: "interactionRequired" } });
    expect(await auth.signInInteractive()).toMatchObject({ status: "ok" });
    expect(client.lastPopupRequest).toEqual({
      scopes: devConfig.scopes,
      claims: '{"access_token":{"capolids":{"essential":true}}}',
      loginHint: "alexw@contoso.com",
    });
  });

  test("a closed popup (the bridge times out) is 'cancelled'", async () => {
    const client = new FakeClient();
    client.popup = async () => {
      throw msalError({
        name: "BrowserAuthError",
        errorCode: "timed_out",
        subError: "redirect_bridge_timeout",
      });
    };
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    expect(await auth.signInInteractive()).toMatchObject({ classification: { kind: "cancelled" } });
  });

  test("no popup and no Office dialog: 'popupBlocked'", async () => {
    const client = new FakeClient();
    client.popup = async () => {
      throw msalError({ name: "BrowserAuthError", errorCode: "popup_window_error" });
    };
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    expect(await auth.signInInteractive()).toMatchObject({ classification: { kind: "popupBlocked" } });
  });

  test("no popup: the Office dialog signs in instead and its answer becomes the state", async () => {
    const client = new FakeClient();
    client.popup = async () => {
      throw msalError({ name: "BrowserAuthError", errorCode: "empty_window_error" });
    };
    const urls: string[] = [];
    const openDialog = async (url: string) => {
      urls.push(url);
      return encodeDialogMessage({
        type: "bluejeans-auth",
        ok: true,
        account: { username: "alexw@contoso.com", tenantId: TENANT, name: "Alex Wilber", wids: [] },
      });
    };
    const auth = createAuth(
      config(),
      env({
        openDialog,
        loginHint: "alexw@contoso.com",
        dialogPageUrl: `${ORIGIN}/workbench/auth-dialog.html`,
      }),
      { msal: factories(client).msal, window: plainWindow() },
    );
    expect(await auth.signInInteractive()).toEqual({
      status: "ok",
      account: { username: "alexw@contoso.com", tenantId: TENANT, name: "Alex Wilber", wids: [] },
    });
    const url = new URL(urls[0] ?? "");
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/workbench/auth-dialog.html`);
    expect(url.searchParams.get("scopes")).toBe(devConfig.scopes.join(" "));
    expect(url.searchParams.get("loginHint")).toBe("alexw@contoso.com");
  });

  test("the dialog's error is classified like MSAL's; a closed dialog is 'cancelled'; a garbled answer is unknown", async () => {
    const client = new FakeClient();
    client.popup = async () => {
      throw msalError({ name: "BrowserAuthError", errorCode: "popup_window_error" });
    };
    const answers: Array<() => Promise<string>> = [
      async () =>
        encodeDialogMessage({
          type: "bluejeans-auth",
          ok: false,
          error: { errorCode: "access_denied", errorMessage: "AADSTS65004: User declined to consent." },
        }),
      async () => {
        throw { errorCode: "user_cancelled", errorMessage: "closed" };
      },
      async () => "<html>not json</html>",
    ];
    let i = 0;
    const auth = createAuth(config(), env({ openDialog: () => (answers[i++] ?? answers[0]!)() }), {
      msal: factories(client).msal,
      window: plainWindow(),
    });
    expect(await auth.signInInteractive()).toMatchObject({ classification: { kind: "consentDeclined" } });
    expect(await auth.signInInteractive()).toMatchObject({ classification: { kind: "cancelled" } });
    expect(await auth.signInInteractive()).toMatchObject({ classification: { kind: "unknown" } });
  });
});

describe("getApiToken", () => {
  test("returns the access token, or throws AuthProblem with the classification", async () => {
    const client = new FakeClient();
    client.accounts = [account()];
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    await expect(auth.getApiToken(["https://graph.microsoft.com/User.Read"])).resolves.toBe("access-token");
    client.silent = async () => {
      throw msalError({
        name: "InteractionRequiredAuthError",
        errorCode: "invalid_grant",
        subError: "message_only",
        errorMessage: "AADSTS53003: Access has been blocked by Conditional Access policies.",
      });
    };
    const failure = await auth
      .getApiToken(["https://graph.microsoft.com/User.Read"])
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthProblem);
    expect((failure as AuthProblem).classification.kind).toBe("blockedByPolicy");
  });
});

describe("what sign-in learned survives a failed interactive sign-in", () => {
  const adminConsent = () =>
    msalError({
      name: "ServerError",
      errorCode: "access_denied",
      errorMessage: "AADSTS90094: The grant requires admin permission.",
    });
  const consentMissing = () =>
    msalError({
      name: "InteractionRequiredAuthError",
      errorCode: "invalid_grant",
      subError: "consent_required",
      errorMessage: "AADSTS65001: The user or administrator has not consented to use the application.",
    });
  const plainUser = account({
    idTokenClaims: { tid: TENANT, wids: ["b79fbf4d-3ef9-4689-8143-76b194e85509"] },
  });

  test("standard client: the cached account, its tenant and wids come with the AADSTS90094 remedy", async () => {
    const client = new FakeClient();
    client.accounts = [plainUser];
    client.silent = async () => Promise.reject(consentMissing());
    client.popup = async () => Promise.reject(adminConsent());
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    const silent = await auth.checkSilently({ forceRefresh: true });
    expect(silent).toMatchObject({ status: "problem", account: { tenantId: TENANT } });
    // The account left the cache in between (as when MSAL drops it after a refused refresh).
    client.accounts = [];
    const interactive = await auth.signInInteractive();
    expect(interactive).toMatchObject({
      status: "problem",
      classification: { kind: "adminConsentRequired" },
      account: {
        username: "alexw@contoso.com",
        tenantId: TENANT,
        wids: ["b79fbf4d-3ef9-4689-8143-76b194e85509"],
      },
    });
  });

  test("NAA: the last successful result's account comes with a later failure (the bridge keeps no cache)", async () => {
    const client = new FakeClient();
    const auth = createAuth(config(), env({ naaSupported: true }), {
      msal: factories(client).msal,
      window: windowWithBridge(),
    });
    client.silent = async () => result(plainUser);
    expect(await auth.checkSilently()).toMatchObject({ status: "ok" });
    client.active = null; // the nestable client forgets it
    client.silent = async () => Promise.reject(consentMissing());
    client.popup = async () => Promise.reject(adminConsent());
    expect(await auth.checkSilently({ forceRefresh: true })).toMatchObject({ account: { tenantId: TENANT } });
    expect(await auth.signInInteractive()).toMatchObject({
      classification: { kind: "adminConsentRequired" },
      account: { tenantId: TENANT, wids: ["b79fbf4d-3ef9-4689-8143-76b194e85509"] },
    });
  });

  test("a first visit with nothing known: the failure names nobody", async () => {
    const client = new FakeClient();
    client.sso = async () => Promise.reject(consentMissing());
    client.popup = async () => Promise.reject(adminConsent());
    const auth = createAuth(config(), env(), { msal: factories(client).msal, window: plainWindow() });
    await auth.checkSilently();
    const state = await auth.signInInteractive();
    expect(state.status).toBe("problem");
    expect(state.account).toBeUndefined();
  });
});
