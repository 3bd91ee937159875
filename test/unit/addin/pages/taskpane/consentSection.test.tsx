/** @jest-environment jsdom */
import { render, screen, waitFor } from "@testing-library/react";
import { useEffect, useReducer } from "react";
import type { Auth, AuthState } from "../../../../../src/addin/signin";
import type { LoadedConfig } from "../../../../../src/addin/signin/loadConfig";
import { parseConfig, type AddinConfig } from "../../../../../src/shared/consent/config";
import type { PaneHost } from "../../../../../src/addin/host/ports";
import { ConsentSection } from "../../../../../src/addin/pages/taskpane/consent/ConsentSection";
import { startAccess, type AccessDeps } from "../../../../../src/addin/pages/taskpane/consent/start";
import { initialPaneState, paneReducer } from "../../../../../src/addin/pages/taskpane/state";
import type { TenantLookupDeps } from "../../../../../src/addin/signin/tenantLookup";
import { memoryStorage } from "../../../shared/consent/fakes";
import devConfig from "../../../../../dev/addin-config.dev.json";

const TENANT = "4f1c2b7e-9a3d-4e68-b5c1-7d2e8a90f3b6";

function config(): AddinConfig {
  const parsed = parseConfig(devConfig);
  if (!parsed.ok) throw new Error("dev config");
  return parsed.config;
}

/** The host as the section sees it: the mailbox user, Office's auth context, no dialogs. */
function office(patch: { accountType?: string; tenantId?: string } = {}): PaneHost {
  const tenantId = patch.tenantId;
  return {
    user: {
      displayName: "Alex Wilber",
      emailAddress: "alexw@contoso.com",
      timeZone: "UTC",
      accountType: patch.accountType ?? "enterprise",
    },
    isSetSupported: () => false,
    authContext: async () => (tenantId ? { tenantId } : undefined),
  } as unknown as PaneHost;
}

const UNKNOWN_DOMAINS: TenantLookupDeps = {
  fetch: async () => ({ ok: false, status: 400, text: async () => '{"error":"invalid_tenant"}' }),
};

/** The pane's model and the real start sequence around the section, as App.tsx has them. */
function Section(props: {
  host: PaneHost;
  config: AddinConfig | LoadedConfig;
  loadAuth: AccessDeps["loadAuth"];
  storage?: Storage;
  /** The sign-in service's answers by domain; by default it knows no domain. */
  lookup?: TenantLookupDeps;
}) {
  const [state, dispatch] = useReducer(paneReducer, undefined, initialPaneState);
  const { host, config, loadAuth, lookup = UNKNOWN_DOMAINS } = props;
  useEffect(() => {
    const loaded: LoadedConfig = "ok" in config ? config : { ok: true, config };
    void startAccess(host, dispatch, {
      loadConfig: async () => loaded,
      tenantLookup: { storage: memoryStorage(), ...lookup },
      ...(loadAuth ? { loadAuth } : {}),
    });
  }, [host, config, loadAuth, lookup]);
  return (
    <ConsentSection
      host={host}
      access={state.access}
      dispatch={dispatch}
      {...(props.storage ? { storage: props.storage } : {})}
    />
  );
}

function fakeAuth(first: AuthState): { loadAuth: () => Promise<{ createAuth: () => Auth }>; checks: number } {
  const record = { checks: 0, loadAuth: async () => ({ createAuth: () => auth }) };
  const auth: Auth = {
    mode: "standard",
    checkSilently: async () => {
      record.checks += 1;
      return first;
    },
    signInInteractive: async () => first,
    getApiToken: async () => "token",
  };
  return record;
}

describe("ConsentSection", () => {
  test("a problem: the remedy in plain words and an approval link for the organisation", async () => {
    const { loadAuth } = fakeAuth({
      status: "problem",
      classification: { kind: "adminConsentRequired", message: "AADSTS90094", aadsts: 90094 },
    });
    render(<Section host={office()} config={config()} loadAuth={loadAuth} storage={window.localStorage} />);
    await screen.findByTestId("approval-link-own");
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe(
      "Your organisation needs to approve BlueJeans",
    );
    const link = screen.getByTestId("approval-link-own");
    expect(link.getAttribute("href")).toMatch(
      new RegExp(
        `^https://login\\.microsoftonline\\.com/organizations/v2\\.0/adminconsent\\?client_id=${devConfig.clientId}&`,
      ),
    );
    expect(screen.getByTestId("email-admin").getAttribute("href")).toMatch(/^mailto:\?subject=/);
  });

  test("the organisation from Office's auth context is used for the links", async () => {
    const { loadAuth } = fakeAuth({
      status: "problem",
      classification: { kind: "appNotInTenant", message: "x" },
    });
    render(<Section host={office({ tenantId: TENANT })} config={config()} loadAuth={loadAuth} />);
    await screen.findByTestId("approval-link-own");
    expect(screen.getByTestId("approval-link-own").getAttribute("href")).toContain(
      `/${TENANT}/v2.0/adminconsent?`,
    );
  });

  test("a personal account: use a work account, no check, no admin view, no links", async () => {
    const fake = fakeAuth({ status: "ok", account: { username: "a@outlook.com", tenantId: "", name: "A" } });
    render(
      <Section host={office({ accountType: "outlookCom" })} config={config()} loadAuth={fake.loadAuth} />,
    );
    await screen.findByRole("heading", { level: 3, name: "Use your work or school account" });
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("Use your work or school account");
    expect(fake.checks).toBe(0);
    expect(screen.queryByRole("button", { name: "I'm an administrator" })).toBeNull();
    expect(screen.queryAllByRole("link")).toHaveLength(0);
  });

  test("an invalid configuration: the reason and the fields, never a link", async () => {
    const fake = fakeAuth({ status: "ok", account: { username: "u", tenantId: TENANT, name: "U" } });
    render(
      <Section
        host={office()}
        config={{
          ok: false,
          reason: "The add-in's sign-in settings are incomplete or wrong.",
          problems: ["apps: missing"],
        }}
        loadAuth={fake.loadAuth}
      />,
    );
    await screen.findByTestId("consent-config-problem");
    expect(screen.getByTestId("consent-config-problem").textContent).toContain("apps: missing");
    expect(screen.queryAllByRole("link")).toHaveLength(0);
    expect(fake.checks).toBe(0);
  });

  test("an administrator (wids) sees every app right away", async () => {
    const { loadAuth } = fakeAuth({
      status: "ok",
      account: {
        username: "admin@contoso.com",
        tenantId: TENANT,
        name: "Admin",
        wids: ["62e90394-69f5-4237-9190-012177145e10"],
      },
    });
    render(<Section host={office()} config={config()} loadAuth={loadAuth} />);
    await screen.findByTestId("consent-admin-view");
    expect(screen.getByTestId("consent-admin-view")).toBeTruthy();
    const names = Array.from(
      document.querySelectorAll('li[data-testid^="consent-app-"] h4'),
      (h) => h.textContent,
    );
    expect(names).toEqual(devConfig.apps.map((a) => a.name));
  });

  test("a first visit: the link is there at once, and names the organisation when the domain's answer comes", async () => {
    let answer: (text: string) => void = () => undefined;
    const asked: string[] = [];
    const lookup: TenantLookupDeps = {
      fetch: async (url) => {
        asked.push(url);
        const text = await new Promise<string>((resolve) => (answer = resolve));
        return { ok: true, status: 200, text: async () => text };
      },
    };
    const { loadAuth } = fakeAuth({
      status: "problem",
      classification: { kind: "adminConsentRequired", message: "AADSTS90094", aadsts: 90094 },
    });
    render(<Section host={office()} config={config()} loadAuth={loadAuth} lookup={lookup} />);
    await screen.findByTestId("approval-link-own");
    expect(asked).toEqual([
      "https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration",
    ]);
    expect(screen.getByTestId("approval-link-own").getAttribute("href")).toContain(
      "/organizations/v2.0/adminconsent?",
    );
    answer(JSON.stringify({ issuer: `https://login.microsoftonline.com/${TENANT}/v2.0` }));
    await waitFor(() =>
      expect(screen.getByTestId("approval-link-own").getAttribute("href")).toContain(
        `/${TENANT}/v2.0/adminconsent?`,
      ),
    );
  });

  test("no lookup when Outlook names the organisation or the account is personal", async () => {
    const asked: string[] = [];
    const lookup: TenantLookupDeps = {
      fetch: async (url) => {
        asked.push(url);
        return { ok: false, status: 400, text: async () => "" };
      },
    };
    const { loadAuth } = fakeAuth({
      status: "problem",
      classification: { kind: "appNotInTenant", message: "x" },
    });
    render(
      <Section host={office({ tenantId: TENANT })} config={config()} loadAuth={loadAuth} lookup={lookup} />,
    );
    render(
      <Section
        host={office({ accountType: "outlookCom" })}
        config={config()}
        loadAuth={loadAuth}
        lookup={lookup}
      />,
    );
    await screen.findByTestId("approval-link-own");
    await screen.findByRole("heading", { level: 3, name: "Use your work or school account" });
    expect(asked).toEqual([]);
  });
});
