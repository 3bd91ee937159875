/**
 * Microsoft 365 consent in the pane, through the real MSAL library against the local identity
 * provider (dev/idp): each scenario's remedy, the exact admin-consent URLs, the callback page, the
 * Office-less fallbacks and the fake Outlook bridge (nested app authentication).
 *
 * Each test gets its own identity provider state: the spec runs its own provider in the worker and
 * points the pane at it by answering /config.json, /__dev/idp/scenario and /__dev/idp/naa in the
 * browser context. The pages' Content-Security-Policy only lists the server's own provider, so
 * these tests bypass it; the last test uses the server's own wiring (CSP included) unchanged.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { devCerts } from "../../dev/certs";
import {
  DEV_TENANT_ID,
  SCENARIO_NAMES,
  isScenarioName,
  openIdConfigurationFor,
  startIdentityProvider,
  type IdentityProvider,
  type NaaTokenRequest,
  type ScenarioName,
} from "../../dev/idp/index";
import devConfig from "../../dev/addin-config.dev.json";
import { DEFAULT_MEETING_DEFAULTS } from "../../src/addin/settings/settings";
import { LOCAL_POPUP_TIMEOUT_MS } from "../../src/addin/signin/msalConfig";
import { ROOM, SETTINGS_KEY, Workbench, expect, joinUrl, test as base } from "./workbench";

const OFFICE_JS = "https://appsforoffice.microsoft.com/**";
const STATES_KEY = "bluejeans.consent.states";
const ADDIN_CLIENT_ID = devConfig.clientId;

type Fixtures = { idp: IdentityProvider; routeConfig: (config: unknown, status?: number) => Promise<void> };

/**
 * Like workbench.ts's `wb`, with one allowance: the browser logs every failed request as a console
 * error, and here the identity provider answers 400 on purpose (refused tokens, unknown domains),
 * some tests answer /config.json with 404 and the national clouds' sign-in hosts refuse on purpose. Anything else logged or thrown still fails the test.
 */
function expectedFailure(url: string, idpOrigin: string): boolean {
  return url.startsWith(`${idpOrigin}/`) || url.endsWith("/config.json") || SIGN_IN_HOST.test(url);
}

/** The national clouds' sign-in hosts, which some tests answer in the browser (refusals included). */
const SIGN_IN_HOST = /^https:\/\/login\.(microsoftonline\.us|partner\.microsoftonline\.cn)\//;

const test = base.extend<Fixtures, { idpServer: IdentityProvider }>({
  idpServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const idp = await startIdentityProvider({ certs: devCerts() });
      await use(idp);
      await idp.stop();
    },
    { scope: "worker" },
  ],
  wb: async ({ page, idpServer }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const url = message.location().url;
      if (url.endsWith("/favicon.ico")) return;
      if (message.text().startsWith("Failed to load resource") && expectedFailure(url, idpServer.origin))
        return;
      errors.push(`console.error: ${message.text()} (${url})`);
    });
    await page.addInitScript(() => {
      Object.defineProperty(globalThis, "__workbenchApi", {
        configurable: true,
        value: () => {
          const api = window.__workbench;
          if (!api) throw new Error("window.__workbench is not there: is this the workbench page?");
          return api;
        },
      });
    });
    const wb = new Workbench(page);
    await use(wb);
    const hasHost = await page.evaluate(() => window.__workbench !== undefined).catch(() => false);
    if (hasHost) expect(await wb.callbackErrors(), "add-in callbacks that threw").toEqual([]);
    expect(errors, "uncaught exceptions and unexpected console errors").toEqual([]);
  },
  idp: async ({ idpServer, context }, use) => {
    idpServer.setScenario("granted");
    await routeIdp(context, idpServer);
    await use(idpServer);
  },
  routeConfig: async ({ context }, use) => {
    await use(async (config, status = 200) => {
      await context.unroute("**/config.json");
      await context.route("**/config.json", (route) =>
        route.fulfill({ status, contentType: "application/json", body: JSON.stringify(config) }),
      );
    });
  },
});

// Each worker runs its own identity provider; every test sets the scenario it needs.
test.use({ bypassCSP: true });

function configFor(idp: IdentityProvider): Record<string, unknown> {
  return { ...devConfig, authority: idp.origin, knownAuthorities: [new URL(idp.origin).host] };
}

async function routeIdp(context: BrowserContext, idp: IdentityProvider): Promise<void> {
  // office.js from the CDN is not reachable here; the pages must cope without it.
  await context.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
  await context.route("**/config.json", (route) => route.fulfill({ json: configFor(idp) }));
  await context.route("**/__dev/idp/scenario", async (route) => {
    if (route.request().method() === "POST") {
      const name: unknown = (route.request().postDataJSON() as { name?: unknown } | null)?.name;
      if (!isScenarioName(name)) return route.fulfill({ status: 400, json: { error: "unknown scenario" } });
      idp.setScenario(name);
    }
    return route.fulfill({
      json: { name: idp.scenario(), scenarios: SCENARIO_NAMES, origin: idp.origin, tenantId: idp.tenantId },
    });
  });
  await context.route("**/__dev/idp/naa", async (route) =>
    route.fulfill({ json: await idp.naaToken(route.request().postDataJSON() as NaaTokenRequest) }),
  );
}

// ---- The pane's consent section ----------------------------------------------------------------------

class Consent {
  constructor(readonly wb: Workbench) {}
  get page(): Page {
    return this.wb.page;
  }
  get section(): Locator {
    return this.wb.pane.getByTestId("consent-section");
  }
  get status(): Locator {
    return this.wb.pane.getByTestId("consent-status");
  }
  get remedy(): Locator {
    return this.wb.pane.getByTestId("consent-remedy");
  }
  get remedyTitle(): Locator {
    return this.remedy.getByRole("heading", { level: 3 });
  }
  get signIn(): Locator {
    return this.remedy.getByRole("button", { name: "Sign in", exact: true });
  }
  get tryAgain(): Locator {
    return this.remedy.getByRole("button", { name: "Try again" });
  }
  get checkButton(): Locator {
    return this.section.getByRole("button", { name: "Check Microsoft 365 access" });
  }
  get adminToggle(): Locator {
    return this.section.getByRole("button", { name: "I'm an administrator" });
  }
  get ownLink(): Locator {
    return this.remedy.getByTestId("approval-link-own");
  }
  get adminView(): Locator {
    return this.wb.pane.getByTestId("consent-admin-view");
  }

  async expectOk(): Promise<void> {
    await expect(this.status).toHaveText(
      "BlueJeans can use Microsoft 365 with your account (alexw@contoso.com).",
    );
    await expect(this.remedy).toHaveCount(0);
  }

  async expectRemedy(title: string, timeout?: number): Promise<void> {
    await expect(this.remedyTitle).toHaveText(title, timeout ? { timeout } : {});
    await expect(this.status).toHaveText(title);
  }

  /** Clicks "Sign in" and returns the sign-in popup MSAL opened. */
  async signInWithPopup(): Promise<Page> {
    const popup = this.page.waitForEvent("popup");
    await this.signIn.click();
    return popup;
  }
}

/**
 * Resolves once the popup has closed. The sign-in page may finish and close it before the test
 * gets to wait (a busy machine), and a "close" event already fired is never seen again.
 */
function closed(popup: Page): Promise<unknown> {
  return popup.isClosed() ? Promise.resolve() : popup.waitForEvent("close");
}

async function open(wb: Workbench, options: Parameters<Workbench["open"]>[0] = {}): Promise<Consent> {
  await wb.open(options);
  const consent = new Consent(wb);
  await expect(consent.section).toBeVisible();
  return consent;
}

/** The one-time states the pane remembered, as the callback page will read them. */
async function storedStates(page: Page): Promise<Record<string, { appId: string }>> {
  const raw = await page.evaluate((key) => window.localStorage.getItem(key), STATES_KEY);
  return JSON.parse(raw ?? "{}") as Record<string, { appId: string }>;
}

/** Checks an admin-consent link to the letter and returns its state. */
function expectConsentUrl(
  href: string | null,
  expected: { idp: IdentityProvider; tenant: string; clientId: string; scopes: string[]; origin: string },
): string {
  expect(href).not.toBeNull();
  const url = new URL(href ?? "");
  const state = url.searchParams.get("state") ?? "";
  expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(href).toBe(
    `${expected.idp.origin}/${expected.tenant}/v2.0/adminconsent` +
      `?client_id=${expected.clientId}` +
      `&scope=${encodeURIComponent(expected.scopes.join(" "))}` +
      `&redirect_uri=${encodeURIComponent(`${expected.origin}/consent-callback.html`)}` +
      `&state=${state}`,
  );
  return state;
}

function originOf(page: Page): string {
  return new URL(page.url()).origin;
}

async function setScenario(idp: IdentityProvider, name: ScenarioName): Promise<void> {
  idp.setScenario(name);
}

// ---- Scenarios ----------------------------------------------------------------------------------------

test("granted: the quiet check reports access, shows no remedy and no links", async ({ wb, idp }) => {
  const consent = await open(wb);
  await consent.expectOk();
  await expect(wb.pane.getByRole("link")).toHaveCount(0);
  expect(idp.scenario()).toBe("granted");
});

test("the meeting buttons never wait for the check", async ({ wb, idp, context }) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.unroute("**/config.json");
  await context.route("**/config.json", async (route) => {
    await held;
    await route.fulfill({ json: configFor(idp) });
  });
  const consent = await open(wb);
  await expect(consent.status).toHaveText("Loading the sign-in settings…");
  await wb.configureRoom();
  await wb.add();
  await expect(consent.status).toHaveText("Loading the sign-in settings…");
  release();
  await consent.expectOk();
});

test("user consent needed, then granted: Sign in opens MSAL's popup and access follows", async ({
  wb,
  idp,
}) => {
  await setScenario(idp, "user-consent-then-granted");
  const consent = await open(wb);
  await consent.expectRemedy("BlueJeans needs your permission");
  await expect(consent.remedy.getByTestId("remedy-who")).toHaveText("You can fix this yourself.");
  const popup = await consent.signInWithPopup();
  await closed(popup);
  await consent.expectOk();
  await expect(consent.remedyTitle).toHaveCount(0);
  // Focus follows the person's action to the result.
  await expect(consent.status).toBeFocused();
});

test("admin consent required: the remedy, the exact approval link, e-mail, copy fallback, and the approval coming back", async ({
  wb,
  idp,
  page,
  context,
}) => {
  await setScenario(idp, "admin-consent-required");
  // Clipboard refused, as in many embedded browsers: the link must show in a box instead.
  await context.addInitScript(() => {
    if (navigator.clipboard) {
      Object.defineProperty(navigator.clipboard, "writeText", {
        value: () => Promise.reject(new DOMException("denied", "NotAllowedError")),
      });
    }
  });
  const consent = await open(wb);
  await consent.expectRemedy("BlueJeans needs your permission");
  const popup = await consent.signInWithPopup();
  await closed(popup);
  await consent.expectRemedy("Your organisation needs to approve BlueJeans");
  await expect(consent.remedy.getByTestId("remedy-what-happened")).toContainText("only an administrator");
  await expect(consent.remedy.getByTestId("remedy-who")).toHaveText(
    "An administrator of your Microsoft 365 organisation (that may be you).",
  );
  await expect(consent.remedyTitle).toBeFocused();

  // A first visit: no account, no Office auth context; the mailbox's domain (contoso.com) names the
  // organisation through the identity provider's OpenID configuration.
  await expect(consent.ownLink).toHaveAttribute(
    "href",
    new RegExp(`/${DEV_TENANT_ID}/v2\\.0/adminconsent\\?`),
  );
  const origin = originOf(page);
  const href = await consent.ownLink.getAttribute("href");
  const state = expectConsentUrl(href, {
    idp,
    tenant: DEV_TENANT_ID,
    clientId: ADDIN_CLIENT_ID,
    scopes: devConfig.scopes,
    origin,
  });
  expect((await storedStates(page))[state]?.appId).toBe("outlook-addin");
  await expect(consent.ownLink).toHaveAttribute("target", "_blank");

  const mailto = await consent.remedy.getByTestId("email-admin").getAttribute("href");
  expect(mailto).toMatch(/^mailto:\?subject=Please%20approve%20BlueJeans/);
  expect(decodeURIComponent((mailto ?? "").split("&body=")[1] ?? "")).toContain(
    `BlueJeans for Outlook (Office 365 add-in): ${href}`,
  );

  await consent.remedy.getByTestId("copy-link-own").click();
  await expect(consent.remedy.getByTestId("copy-fallback-link-own")).toHaveValue(href ?? "");

  // The administrator approves in the Office dialog; the pane hears of it and checks again by itself.
  await consent.ownLink.click();
  const callback = page.frameLocator('[data-testid="dialog-frame"]');
  await expect(callback.getByRole("heading", { level: 1 })).toHaveText(
    "BlueJeans for Outlook (Office 365 add-in) is approved",
  );
  await expect(callback.getByTestId("consent-result")).toContainText(DEV_TENANT_ID);
  const frame = page.frames().find((f) => new URL(f.url()).pathname === "/consent-callback.html");
  expect(frame && new URL(frame.url()).search).toBe(""); // the answer is taken out of the address
  await consent.expectOk();
  await page.getByTestId("dialog-close").click();
  expect(await page.evaluate(() => __workbenchApi().isDialogOpen())).toBe(false);
});

test("declined: retry and the approval link; an administrator's refusal is explained on the callback page", async ({
  wb,
  idp,
  page,
}) => {
  await setScenario(idp, "declined");
  const consent = await open(wb);
  const popup = await consent.signInWithPopup();
  await closed(popup);
  await consent.expectRemedy("Permission was not given");
  await expect(consent.tryAgain).toBeVisible();
  await expect(consent.ownLink).toBeVisible();

  await consent.ownLink.click();
  const callback = page.frameLocator('[data-testid="dialog-frame"]');
  await expect(callback.getByRole("heading", { level: 1 })).toHaveText(
    "BlueJeans for Outlook (Office 365 add-in) was not approved",
  );
  await expect(callback.getByTestId("consent-details")).toHaveText(
    "access_denied: AADSTS65004: The administrator declined to consent to access the app.",
  );
  // The pane checked again: still no permission, so it asks the person to sign in again.
  await consent.expectRemedy("BlueJeans needs your permission");
});

test("app not in tenant: the remedy with the correlation id, the AADSTS number and the approval link", async ({
  wb,
  idp,
}) => {
  await setScenario(idp, "app-not-in-tenant");
  const consent = await open(wb);
  await consent.expectRemedy("BlueJeans is not set up in your organisation");
  await expect(consent.remedy.getByTestId("correlation-id")).toHaveText(
    /Correlation ID: [0-9a-f-]{36} · Error: AADSTS700016 · Time: \d{4}-/,
  );
  await expect(consent.ownLink).toBeVisible();
  await consent.remedy.getByText("Technical details").click();
  await expect(consent.remedy.getByTestId("remedy-technical")).toContainText(
    `AADSTS700016: Application with identifier '${ADDIN_CLIENT_ID}' was not found`,
  );
});

test("conditional access: the policy message, the correlation id, no retry loop", async ({ wb, idp }) => {
  await setScenario(idp, "conditional-access");
  const consent = await open(wb);
  await consent.expectRemedy("A sign-in rule of your organisation blocked this");
  await expect(consent.remedy.getByTestId("correlation-id")).toContainText("AADSTS53003");
  await expect(consent.remedy.getByRole("button")).toHaveCount(0);
  await expect(consent.ownLink).toHaveCount(0);
});

test("MFA required: sign in again in the popup, then access", async ({ wb, idp }) => {
  await setScenario(idp, "mfa-required");
  const consent = await open(wb);
  await consent.expectRemedy("Please sign in again");
  const popup = await consent.signInWithPopup();
  await closed(popup);
  await consent.expectOk();
});

test("popup closed by the person: 'did not finish' once MSAL stops waiting, with retry", async ({
  wb,
  idp,
}) => {
  await setScenario(idp, "popup-closed");
  const consent = await open(wb);
  await consent.expectRemedy("Please sign in again");
  const popup = await consent.signInWithPopup();
  await expect(popup.getByRole("heading")).toHaveText("Sign in (local test identity provider)");
  await popup.close();
  // The redirect bridge cannot see a closed window: MSAL gives up after popupBridgeTimeout.
  await expect(consent.status).toHaveText("Signing in: finish in the window that opened.");
  await consent.expectRemedy("Sign-in did not finish", LOCAL_POPUP_TIMEOUT_MS + 5_000);
  await expect(consent.tryAgain).toBeVisible();
});

/** Makes MSAL's popup fail to open in the pane (window.open gives null, as with a pop-up blocker). */
async function blockPopups(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (window.location.pathname.endsWith("/taskpane.html")) window.open = () => null;
  });
}

test("popup blocked: the Office dialog signs in instead (redirect sign-in, answer by messageParent)", async ({
  wb,
  idp,
  page,
  context,
}) => {
  await setScenario(idp, "mfa-required");
  await blockPopups(context);
  let popups = 0;
  page.on("popup", () => (popups += 1));
  const consent = await open(wb);
  await consent.expectRemedy("Please sign in again");
  await consent.signIn.click();
  await consent.expectOk(); // the interactive sign-in (the second factor) happened in the dialog
  expect(await page.evaluate(() => __workbenchApi().isDialogOpen())).toBe(false); // closed by the pane
  expect(popups).toBe(0);
});

test("popup blocked and the Office dialog closed by the person: 'did not finish'", async ({
  wb,
  idp,
  page,
  context,
}) => {
  await setScenario(idp, "popup-closed");
  await blockPopups(context);
  const consent = await open(wb);
  await consent.signIn.click();
  await expect(
    page.frameLocator('[data-testid="dialog-frame"]').getByRole("heading", { level: 1 }),
  ).toHaveText("Sign in (local test identity provider)");
  await page.getByTestId("dialog-close").click();
  await consent.expectRemedy("Sign-in did not finish");
  await expect(consent.tryAgain).toBeVisible();
});

test("admin signed in: every BlueJeans app with its permissions, purpose and exact approval link", async ({
  wb,
  idp,
  page,
}) => {
  await setScenario(idp, "admin-signed-in");
  const consent = await open(wb);
  await consent.expectOk();
  await expect(consent.adminView).toBeVisible();
  await expect(consent.adminView.getByTestId("consent-tenant")).toHaveText(
    `Organisation: ${DEV_TENANT_ID} (from your sign-in)`,
  );
  const origin = originOf(page);
  const states = await storedStates(page);
  const items = consent.adminView.locator('li[data-testid^="consent-app-"]');
  await expect(items).toHaveCount(6);
  for (const app of devConfig.apps) {
    const item = consent.adminView.getByTestId(`consent-app-${app.id}`);
    await expect(item.getByRole("heading", { level: 4 })).toHaveText(app.name);
    await expect(item).toContainText(app.purpose);
    await expect(item).toContainText(
      "Calendars.ReadWrite: Read your calendar and add or update meetings in it.",
    );
    const state = expectConsentUrl(await item.getByTestId(`approval-link-${app.id}`).getAttribute("href"), {
      idp,
      tenant: DEV_TENANT_ID,
      clientId: app.clientId,
      scopes: app.scopes,
      origin,
    });
    expect(states[state]?.appId ?? (await storedStates(page))[state]?.appId).toBe(app.id);
  }
  expect(new Set(devConfig.apps.map((a) => a.clientId)).size).toBe(6);
  // Guidance, collapsed at first.
  const guidance = consent.adminView.getByTestId("integrated-apps-guidance");
  await expect(guidance.getByText("Go to Settings > Services & add-ins > Integrated Apps.")).toBeHidden();
  await guidance.getByText(/How an administrator can allow BlueJeans/).click();
  await expect(guidance.getByText("Go to Settings > Services & add-ins > Integrated Apps.")).toBeVisible();
});

test("\"I'm an administrator\" opens the admin view in a failure; apps without a client ID say 'not configured'", async ({
  wb,
  idp,
  routeConfig,
}) => {
  await setScenario(idp, "admin-consent-required");
  const config = configFor(idp);
  const apps = (config.apps as Array<Record<string, unknown>>).map((app) =>
    app.id === "events" ? { ...app, clientId: "" } : app,
  );
  await routeConfig({ ...config, apps });
  // A mailbox whose domain the sign-in service does not know: the links fall back to "organizations".
  const consent = await open(wb, {
    config: { userProfile: { emailAddress: "alex@unknown-domain.example" } },
  });
  await consent.expectRemedy("BlueJeans needs your permission");
  await consent.adminToggle.click();
  await expect(consent.adminView.getByRole("heading", { level: 3 })).toBeFocused();
  await expect(consent.adminView.getByTestId("consent-tenant")).toContainText("organizations");
  await expect(consent.adminView.locator('li[data-testid^="consent-app-"]')).toHaveCount(6);
  await expect(consent.adminView.getByTestId("not-configured-events")).toContainText("Not configured");
  await expect(consent.adminView.getByTestId("approval-link-events")).toHaveCount(0);
  await expect(consent.adminView.getByTestId("approval-link-ios")).toHaveAttribute(
    "href",
    /client_id=e4b8d3f7-/,
  );
  await consent.section.getByRole("button", { name: "Hide approvals for all BlueJeans apps" }).click();
  await expect(consent.adminView).toHaveCount(0);
});

// ---- Links for the person's own organisation (issue 12) ----------------------------------------------------

/** Records what the pane copies (the clipboard itself is out of reach in the test browser). */
async function recordCopies(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (!navigator.clipboard) return;
    Object.defineProperty(navigator.clipboard, "writeText", {
      value: (text: string) => {
        window.localStorage.setItem("test.copied", text);
        return Promise.resolve();
      },
    });
  });
}

test("returning user hit by admin consent: AADSTS65001 silent then AADSTS90094, and the links keep their organisation and role", async ({
  wb,
  idp,
  page,
  context,
}) => {
  await recordCopies(context);
  // The person used BlueJeans before, from a mailbox whose domain the sign-in service cannot resolve:
  // only what sign-in learned names their organisation. Their first sign-in works; then the
  // administrator tightens consent (the "consent-tightened" scenario refuses from then on).
  await setScenario(idp, "consent-tightened");
  const consent = await open(wb, {
    config: { userProfile: { emailAddress: "alex@unknown-domain.example" } },
  });
  await consent.expectOk();
  await consent.checkButton.click();
  await consent.expectRemedy("BlueJeans needs your permission");
  const popup = await consent.signInWithPopup();
  await closed(popup);
  await consent.expectRemedy("Your organisation needs to approve BlueJeans");
  // Their wids say they are no administrator.
  await expect(consent.remedy.getByTestId("remedy-who")).toHaveText(
    "An administrator of your Microsoft 365 organisation.",
  );
  // A non-administrator gets the link to hand on (copy, e-mail), not to open.
  await expect(consent.ownLink).toHaveCount(0);
  await consent.remedy.getByTestId("copy-link-own").click();
  await expect.poll(() => page.evaluate(() => window.localStorage.getItem("test.copied"))).not.toBeNull();
  const href = await page.evaluate(() => window.localStorage.getItem("test.copied"));
  const state = expectConsentUrl(href, {
    idp,
    tenant: DEV_TENANT_ID,
    clientId: ADDIN_CLIENT_ID,
    scopes: devConfig.scopes,
    origin: originOf(page),
  });
  expect((await storedStates(page))[state]?.appId).toBe("outlook-addin");
  const mailto = await consent.remedy.getByTestId("email-admin").getAttribute("href");
  expect(decodeURIComponent((mailto ?? "").split("&body=")[1] ?? "")).toContain(
    `BlueJeans for Outlook (Office 365 add-in): ${href}`,
  );
  await consent.adminToggle.click();
  await expect(consent.adminView.getByTestId("consent-tenant")).toHaveText(
    `Organisation: ${DEV_TENANT_ID} (from your sign-in)`,
  );
});

test("a personal account (outlook.com): use a work account, no lookup, no links", async ({
  wb,
  idp,
  page,
}) => {
  const lookups: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/.well-known/openid-configuration")) lookups.push(request.url());
  });
  const consent = await open(wb, {
    config: { userProfile: { emailAddress: "alex@outlook.com", accountType: "outlookCom" } },
  });
  await expect(consent.remedyTitle).toHaveText("Use your work or school account");
  await expect(wb.pane.getByRole("link")).toHaveCount(0);
  expect(lookups).toEqual([]);
  expect(idp.scenario()).toBe("granted");
});

/**
 * A national cloud's sign-in host as Entra answers there, in the browser: the OpenID configuration
 * by domain (from the local identity provider's directory), and /authorize refusing consent:
 * AADSTS65001 for the silent try, AADSTS90094 for the interactive one.
 */
async function routeCloud(context: BrowserContext, host: string): Promise<void> {
  const base = `https://${host}`;
  await context.route(`${base}/**`, async (route) => {
    const url = new URL(route.request().url());
    const [, tenant = "", ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    if (path === "/v2.0/.well-known/openid-configuration") {
      const answer = openIdConfigurationFor(base, tenant);
      return route.fulfill({
        status: answer.status,
        json: answer.body,
        headers: { "access-control-allow-origin": "*" },
      });
    }
    if (path === "/oauth2/v2.0/authorize") {
      const target = new URL(url.searchParams.get("redirect_uri") ?? "");
      const silent = url.searchParams.get("prompt") === "none";
      target.searchParams.set("error", silent ? "consent_required" : "access_denied");
      target.searchParams.set(
        "error_description",
        silent
          ? "AADSTS65001: The user or administrator has not consented to use the application."
          : "AADSTS90094: The grant requires admin permission.",
      );
      target.searchParams.set("state", url.searchParams.get("state") ?? "");
      return route.fulfill({ status: 302, headers: { location: target.href } });
    }
    return route.fulfill({ status: 404, body: "" });
  });
}

const CLOUDS = [
  { cloud: "usgov", host: "login.microsoftonline.us", graph: "graph.microsoft.us" },
  { cloud: "china", host: "login.partner.microsoftonline.cn", graph: "microsoftgraph.chinacloudapi.cn" },
] as const;

for (const { cloud, host, graph } of CLOUDS) {
  test(`${cloud} cloud, first visit: the approval link is on ${host}, for the organisation of the mailbox's domain`, async ({
    wb,
    idp,
    page,
    context,
    routeConfig,
  }) => {
    const inCloud = (scopes: readonly string[]) =>
      scopes.map((scope) => scope.replace("graph.microsoft.com", graph));
    const { authority: _a, knownAuthorities: _k, ...base } = configFor(idp);
    await routeConfig({
      ...base,
      cloud,
      scopes: inCloud(devConfig.scopes),
      apps: devConfig.apps.map((app) => ({ ...app, scopes: inCloud(app.scopes) })),
    });
    await routeCloud(context, host);
    const consent = await open(wb);
    await consent.expectRemedy("BlueJeans needs your permission");
    // The refusal comes back at once: the popup may be gone before a wait for its closing starts.
    await consent.signIn.click();
    await consent.expectRemedy("Your organisation needs to approve BlueJeans");
    await expect(consent.ownLink).toHaveAttribute("href", new RegExp(`^https://${host}/${DEV_TENANT_ID}/`));
    const href = (await consent.ownLink.getAttribute("href")) ?? "";
    const state = new URL(href).searchParams.get("state") ?? "";
    expect(href).toBe(
      `https://${host}/${DEV_TENANT_ID}/v2.0/adminconsent?client_id=${ADDIN_CLIENT_ID}` +
        `&scope=${encodeURIComponent(inCloud(devConfig.scopes).join(" "))}` +
        `&redirect_uri=${encodeURIComponent(`${originOf(page)}/consent-callback.html`)}&state=${state}`,
    );
    expect((await storedStates(page))[state]?.appId).toBe("outlook-addin");
    expect(idp.scenario()).toBe("granted"); // the local provider was not asked
  });
}

// ---- Nested app authentication (the fake Outlook bridge) ---------------------------------------------------

test("NAA: Outlook's bridge answers silently, no window opens; the organisation comes from Office", async ({
  wb,
  idp,
  page,
}) => {
  await setScenario(idp, "naa");
  let popups = 0;
  page.on("popup", () => (popups += 1));
  const consent = await open(wb, { config: { nestedAppAuth: true } });
  await consent.expectOk();
  const calls = await page.evaluate(() => __workbenchApi().naaCalls());
  expect(calls.map((c) => [c.method, c.success])).toEqual([
    ["GetInitContext", true],
    ["GetToken", true],
  ]);
  expect(calls[1]?.scope).toContain("https://graph.microsoft.com/Calendars.ReadWrite");
  await consent.adminToggle.click();
  await expect(consent.adminView.getByTestId("consent-tenant")).toHaveText(
    `Organisation: ${DEV_TENANT_ID} (from Outlook)`,
  );
  expect(popups).toBe(0);
});

test("NAA: admin consent required through the bridge, classified without subError or correlation id", async ({
  wb,
  idp,
  page,
}) => {
  await setScenario(idp, "admin-consent-required");
  const consent = await open(wb, { config: { nestedAppAuth: true } });
  await consent.expectRemedy("BlueJeans needs your permission");
  await consent.signIn.click();
  await consent.expectRemedy("Your organisation needs to approve BlueJeans");
  const calls = await page.evaluate(() => __workbenchApi().naaCalls());
  expect(calls.map((c) => [c.method, c.errorStatus ?? "ok"])).toEqual([
    ["GetInitContext", "ok"],
    ["GetToken", "USER_INTERACTION_REQUIRED"],
    ["GetTokenPopup", "PERSISTENT_ERROR"],
  ]);
  // Office's auth context names the organisation even though no sign-in succeeded.
  expectConsentUrl(await consent.ownLink.getAttribute("href"), {
    idp,
    tenant: DEV_TENANT_ID,
    clientId: ADDIN_CLIENT_ID,
    scopes: devConfig.scopes,
    origin: originOf(page),
  });
});

// ---- The workbench's scenario switch ------------------------------------------------------------------------

test("workbench: the labelled scenario switch changes the identity provider's scenario", async ({
  wb,
  idp,
  page,
}) => {
  await open(wb);
  const select = page.getByLabel("Sign-in scenario (local identity provider)");
  await expect(select).toHaveAttribute("data-testid", "control-idp-scenario");
  await expect(page.getByTestId("control-idp-status")).toHaveText("Identity provider scenario: granted");
  await select.selectOption("conditional-access");
  await expect(page.getByTestId("control-idp-status")).toHaveText(
    "Identity provider scenario: conditional-access",
  );
  expect(idp.scenario()).toBe("conditional-access");
  const consent = new Consent(wb);
  await consent.checkButton.click();
  await consent.expectRemedy("A sign-in rule of your organisation blocked this");
});

// ---- Broken input: clear words, never a broken link ---------------------------------------------------------

test("configuration with missing fields: each named, no check, no links", async ({
  wb,
  idp,
  routeConfig,
}) => {
  const { apps: _apps, consentRedirectUri: _c, ...partial } = configFor(idp);
  await routeConfig(partial);
  const consent = await open(wb);
  const problem = wb.pane.getByTestId("consent-config-problem");
  await expect(problem).toContainText("incomplete or wrong, so no approval links can be made");
  await expect(problem).toContainText("consentRedirectUri: missing");
  await expect(problem).toContainText("apps: missing");
  await expect(consent.checkButton).toHaveCount(0);
  await expect(wb.pane.getByRole("link")).toHaveCount(0);
});

test("configuration missing on the server, or with an invalid tenant: a clear message", async ({
  wb,
  idp,
  routeConfig,
}) => {
  await routeConfig({ error: "not found" }, 404);
  const consent = await open(wb);
  await expect(wb.pane.getByTestId("consent-config-problem")).toContainText("missing on the server");
  await routeConfig({ ...configFor(idp), tenant: "contoso corp" });
  await wb.closeTaskPane();
  await wb.openTaskPane();
  await expect(wb.pane.getByTestId("consent-config-problem")).toContainText(
    "tenant: not a tenant ID (GUID) or a domain name",
  );
  await expect(consent.section.getByRole("link")).toHaveCount(0);
});

// ---- The pane while sign-in is pending or unavailable (the meeting buttons never depend on it) ---------

/** Roaming settings with "New BlueJeans meeting" chosen and no personal room. */
const NEW_MEETINGS = {
  [SETTINGS_KEY]: { version: 1, meetingDefaults: { ...DEFAULT_MEETING_DEFAULTS, source: "scheduled" } },
};

function withRoom(roaming: typeof NEW_MEETINGS) {
  return {
    [SETTINGS_KEY]: {
      ...roaming[SETTINGS_KEY],
      personalRoom: { personalMeetingId: ROOM.id, attendeePasscode: ROOM.passcode },
    },
  };
}

test("new meetings chosen, no personal room, sign-in pending: the pane says it is signing in, never 'undefined'", async ({
  wb,
  idp,
  context,
}) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.unroute("**/config.json");
  await context.route("**/config.json", async (route) => {
    await held;
    await route.fulfill({ json: { ...configFor(idp), features: { scheduledMeetings: true } } });
  });
  await open(wb, { roaming: NEW_MEETINGS });
  const plan = wb.pane.getByTestId("add-plan");
  await expect(plan).toHaveText(
    "Signing in to BlueJeans… The button works as soon as a new meeting can be created for this appointment.",
  );
  await expect(wb.addButton).toBeDisabled();
  await expect(wb.pane.locator("main")).not.toContainText("undefined");
  release();
  await expect(plan).toHaveText(
    "Creates a new BlueJeans meeting for this appointment and adds its join details.",
  );
  await expect(wb.addButton).toBeEnabled();
});

test("invalid configuration: the pane says what is wrong and what to do, and the personal room still works", async ({
  wb,
  idp,
  routeConfig,
}) => {
  await routeConfig({ ...configFor(idp), apps: "none" });
  const consent = await open(wb, { roaming: withRoom(NEW_MEETINGS) });
  await expect(wb.pane.getByTestId("consent-config-problem")).toContainText("apps: must be a list");
  await expect(consent.status).toHaveText("Microsoft 365 access cannot be checked.");
  await expect(wb.pane.getByTestId("add-plan")).toHaveText(
    "New meetings cannot be made right now: The add-in's sign-in settings are incomplete or wrong, so no approval links can be made. Ask whoever set up BlueJeans to fix the add-in's settings. Until then, the button adds your personal room (1234567890).",
  );
  await wb.add();
  expect((await wb.state()).location).toBe(joinUrl(ROOM.id, ROOM.passcode));
});

test("the sign-in part fails to load: the pane says so and what to do; a personal room set up then works", async ({
  wb,
  idp,
  context,
}) => {
  // A broken download of MSAL's chunk: the script runs but defines nothing.
  await context.route("**/msal.*.js", (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
  await context.unroute("**/config.json");
  await context.route("**/config.json", (route) =>
    route.fulfill({ json: { ...configFor(idp), features: { scheduledMeetings: true } } }),
  );
  const consent = await open(wb, { roaming: NEW_MEETINGS });
  const missing =
    "The sign-in part of the add-in could not be loaded. Check the connection and reload the add-in.";
  await expect(consent.status).toHaveText(missing);
  const plan = wb.pane.getByTestId("add-plan");
  await expect(plan).toHaveText(
    `New meetings cannot be made right now: ${missing} Check the connection and reload the add-in. Or set up your personal room in Settings and add that instead.`,
  );
  await expect(wb.addButton).toBeDisabled();
  await wb.configureRoom();
  await expect(plan).toContainText("Until then, the button adds your personal room (1234567890).");
  await wb.add();
  expect((await wb.state()).location).toBe(joinUrl(ROOM.id, ROOM.passcode));
});

test.describe("callback page opened directly", () => {
  const cases: Array<[string, string, string]> = [
    ["no query", "", "No approval result here"],
    [
      "a state this browser never issued",
      `?admin_consent=True&tenant=${DEV_TENANT_ID}&state=${"A".repeat(43)}`,
      "This result cannot be confirmed here",
    ],
    ["no state", `?admin_consent=True&tenant=${DEV_TENANT_ID}`, "This result cannot be confirmed here"],
    [
      "a duplicated tenant",
      `?admin_consent=True&tenant=a&tenant=b&state=STATE`,
      "This result could not be read",
    ],
    [
      "an invalid tenant string",
      "?admin_consent=True&tenant=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&state=STATE",
      "This result could not be read",
    ],
    [
      "admin_consent=False without an error",
      `?admin_consent=False&tenant=${DEV_TENANT_ID}&state=STATE`,
      "This result could not be read",
    ],
  ];
  for (const [name, query, heading] of cases) {
    test(name, async ({ page, idp }) => {
      expect(idp.scenario()).toBe("granted");
      let search = query;
      if (query.includes("STATE")) {
        // A state the page would accept, so only the malformed part is tested.
        await page.goto("/health");
        const state = await page.evaluate((key) => {
          const bytes = crypto.getRandomValues(new Uint8Array(32));
          const value = btoa(String.fromCharCode(...bytes))
            .replace(/\+/g, "-")
            .replace(/\//g, "_")
            .replace(/=+$/, "");
          window.localStorage.setItem(
            key,
            JSON.stringify({ [value]: { appId: "events", expiresAt: Date.now() + 60_000 } }),
          );
          return value;
        }, STATES_KEY);
        search = query.replace("STATE", state);
      }
      let dialogs = 0;
      page.on("dialog", (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      await page.goto(`/consent-callback.html${search}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expect(page.locator("img, a")).toHaveCount(0);
      expect(dialogs).toBe(0);
    });
  }
});

test("auth-dialog page: refuses an invalid organisation, and starts a valid admin consent itself", async ({
  page,
  idp,
}) => {
  await page.goto("/auth-dialog.html?action=adminconsent&app=events&tenant=common");
  await expect(page.getByRole("status")).toHaveText(
    'The organisation in the request is not valid (must not be "common": use the tenant ID, a verified domain name or "organizations"). Close this window and try again from BlueJeans.',
  );
  await page.goto(`/auth-dialog.html?action=adminconsent&app=events&tenant=${DEV_TENANT_ID}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("BlueJeans Events is approved");
  expect(idp.scenario()).toBe("granted");
});

test("auth-dialog page: a permission, challenge or sign-in name it does not expect gets a message, no sign-in", async ({
  page,
}) => {
  for (const [query, reason] of [
    [
      `scopes=${encodeURIComponent("https://graph.microsoft.com/Mail.ReadWrite")}`,
      "The request asks for a permission BlueJeans does not use.",
    ],
    ["claims=not-json", "The request's sign-in challenge (claims) is not valid."],
    ["loginHint=alexw", "The request's sign-in name is not an e-mail address."],
  ] as const) {
    await page.goto(`/auth-dialog.html?${query}`);
    await expect(page.getByRole("status")).toHaveText(
      `${reason} Close this window and try again from BlueJeans.`,
    );
    expect(new URL(page.url()).pathname).toBe("/auth-dialog.html");
  }
});

test("auth-dialog page: the redirect sign-in comes back through auth-redirect.html", async ({
  page,
  idp,
}) => {
  await setScenario(idp, "granted");
  await page.goto("/auth-dialog.html?loginHint=alexw%40contoso.com");
  await expect(page.getByRole("status")).toHaveText(
    "You are signed in. This window closes by itself; if it does not, close it.",
  );
  expect(new URL(page.url()).pathname).toBe("/auth-dialog.html");
});

// ---- The server's own wiring -------------------------------------------------------------------------------

base.describe("with the test server's own identity provider and CSP", () => {
  base.use({ bypassCSP: false });
  base("the pane reaches the server's provider under its Content-Security-Policy", async ({ wb, page }) => {
    const served = await page.request.get("/config.json");
    expect(served.ok(), "the test server serves /config.json").toBe(true);
    const scenario = await page.request.get("/__dev/idp/scenario");
    expect(scenario.ok(), "the test server runs the identity provider at /__dev/idp/scenario").toBe(true);
    expect(((await scenario.json()) as { name: string }).name).toBe("granted");
    await page
      .context()
      .route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
    const consent = await open(wb);
    await consent.expectOk();
  });
});

// ---- Accessibility of the remedies and the admin view -------------------------------------------------------

for (const theme of ["light", "dark"] as const) {
  test(`axe: remedy, admin view and guidance, ${theme} theme`, async ({ wb, idp }) => {
    await setScenario(idp, "app-not-in-tenant");
    const consent = await open(wb, { theme });
    await consent.expectRemedy("BlueJeans is not set up in your organisation");
    await consent.adminToggle.click();
    await consent.adminView.getByText(/How an administrator can allow BlueJeans/).click();
    await consent.remedy.getByText("Technical details").click();
    const results = await new AxeBuilder({ page: wb.page }).analyze();
    expect(
      results.violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} ${n.failureSummary ?? ""}`),
      ),
    ).toEqual([]);
  });
}
