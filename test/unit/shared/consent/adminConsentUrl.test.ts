import {
  adminConsentLinks,
  adminConsentUrl,
  ConsentInputError,
  createConsentStateStore,
  newConsentState,
  tenantFor,
  tryAdminConsentUrl,
} from "../../../../src/shared/consent/adminConsentUrl";
import type { AdminConsentUrlInput } from "../../../../src/shared/consent/adminConsentUrl";
import { parseConfig } from "../../../../src/shared/consent/config";
import { countingFill, memoryStorage } from "./fakes";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0d3b6a2e-8c1f-4b7a-9e2d-5f6a7b8c9d0e";

const base: AdminConsentUrlInput = {
  signInHost: "login.microsoftonline.com",
  tenant: TENANT,
  clientId: CLIENT,
  scopes: ["https://graph.microsoft.com/Calendars.ReadWrite", "User.Read", "offline_access"],
  redirectUri: "https://addin.example.com/consent-callback.html?from=pane",
  state: "abc_DEF-123",
};

describe("adminConsentUrl", () => {
  test("builds the exact v2 link with every value encoded", () => {
    expect(adminConsentUrl(base)).toBe(
      `https://login.microsoftonline.com/${TENANT}/v2.0/adminconsent` +
        `?client_id=${CLIENT}` +
        "&scope=https%3A%2F%2Fgraph.microsoft.com%2FCalendars.ReadWrite%20User.Read%20offline_access" +
        "&redirect_uri=https%3A%2F%2Faddin.example.com%2Fconsent-callback.html%3Ffrom%3Dpane" +
        "&state=abc_DEF-123",
    );
  });

  test("the link parses back to the same values", () => {
    const url = new URL(adminConsentUrl({ ...base, state: "a b&c=d" }));
    expect(url.pathname).toBe(`/${TENANT}/v2.0/adminconsent`);
    expect(url.searchParams.get("scope")).toBe(base.scopes.join(" "));
    expect(url.searchParams.get("redirect_uri")).toBe(base.redirectUri);
    expect(url.searchParams.get("state")).toBe("a b&c=d");
  });

  test("organizations and a verified domain are accepted as tenant", () => {
    expect(adminConsentUrl({ ...base, tenant: "organizations" })).toMatch(
      /^https:\/\/login\.microsoftonline\.com\/organizations\/v2\.0\/adminconsent\?/,
    );
    expect(adminConsentUrl({ ...base, tenant: "contoso.onmicrosoft.com" })).toMatch(
      /^https:\/\/login\.microsoftonline\.com\/contoso\.onmicrosoft\.com\/v2\.0\/adminconsent\?/,
    );
  });

  test("other clouds and a test authority base", () => {
    expect(adminConsentUrl({ ...base, signInHost: "login.partner.microsoftonline.cn" })).toMatch(
      /^https:\/\/login\.partner\.microsoftonline\.cn\//,
    );
    const { signInHost: _omit, ...rest } = base;
    expect(adminConsentUrl({ ...rest, authorityBase: "https://localhost:8443/" })).toMatch(
      new RegExp(`^https://localhost:8443/${TENANT}/v2\\.0/adminconsent\\?`),
    );
  });

  test.each([
    ["../evil", "tenant"],
    ["common", "tenant"],
    ["COMMON", "tenant"],
    ["consumers", "tenant"],
    ["9188040d-6c67-4c5b-b112-36a304b66dad", "tenant"],
    ["a b", "tenant"],
    ["evil.com/x?", "tenant"],
    ["evil.com#x", "tenant"],
    ["", "tenant"],
    ["localhost", "tenant"],
  ])("refuses tenant %j", (tenant, field) => {
    expect(() => adminConsentUrl({ ...base, tenant })).toThrow(ConsentInputError);
    expect(tryAdminConsentUrl({ ...base, tenant })).toMatchObject({ ok: false, field });
  });

  test.each<[Partial<AdminConsentUrlInput>, string]>([
    [{ clientId: "not-a-guid" }, "clientId"],
    [{ scopes: [] }, "scopes"],
    [{ scopes: ["User.Read Mail.Send"] }, "scopes[0]"],
    [{ redirectUri: "/consent-callback.html" }, "redirectUri"],
    [{ redirectUri: "http://evil.example.com/cb" }, "redirectUri"],
    [{ redirectUri: "javascript:alert(1)" }, "redirectUri"],
    [{ state: "" }, "state"],
    [{ signInHost: "evil.com/x?" }, "signInHost"],
    [{ authorityBase: "https://localhost:8443" }, "signInHost"],
  ])("refuses %j", (change, field) => {
    expect(tryAdminConsentUrl({ ...base, ...change })).toMatchObject({ ok: false, field });
  });

  test("http is allowed only for a local redirect", () => {
    expect(() => adminConsentUrl({ ...base, redirectUri: "http://localhost:3000/cb" })).not.toThrow();
  });
});

describe("tenantFor", () => {
  test("prefers Office's auth context, then the account, then the ID token", () => {
    expect(tenantFor({ officeAuthContextTenantId: TENANT, accountTenantId: "b".repeat(8) })).toEqual({
      kind: "tenant",
      tenant: TENANT,
      source: "officeAuthContext",
    });
    expect(tenantFor({ accountTenantId: TENANT, idTokenTid: "contoso.com" })).toMatchObject({
      source: "account",
    });
    expect(tenantFor({ idTokenTid: TENANT })).toMatchObject({ tenant: TENANT, source: "idToken" });
  });

  test("falls back to organizations, never common", () => {
    expect(tenantFor({})).toEqual({ kind: "tenant", tenant: "organizations", source: "default" });
    expect(tenantFor({ officeAuthContextTenantId: "common", accountTenantId: "../evil" })).toEqual({
      kind: "tenant",
      tenant: "organizations",
      source: "default",
    });
  });

  test("skips an empty or invalid hint", () => {
    expect(tenantFor({ officeAuthContextTenantId: "", accountTenantId: TENANT })).toMatchObject({
      source: "account",
    });
  });

  test("personal accounts have no admin consent", () => {
    expect(tenantFor({ accountType: "outlookCom", officeAuthContextTenantId: TENANT })).toEqual({
      kind: "personal",
    });
    expect(tenantFor({ accountType: "gmail" })).toEqual({ kind: "personal" });
    expect(tenantFor({ accountTenantId: "9188040d-6c67-4c5b-b112-36a304b66dad" })).toEqual({
      kind: "personal",
    });
    expect(tenantFor({ accountType: "office365", accountTenantId: TENANT })).toMatchObject({
      kind: "tenant",
    });
  });
});

describe("consent state", () => {
  test("newConsentState uses crypto.getRandomValues: 256 bits, base64url", () => {
    const a = newConsentState();
    const b = newConsentState();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  test("encodes bytes as base64url without padding", () => {
    const state = newConsentState((bytes) => bytes.fill(0xfb));
    expect(state).toBe(Buffer.alloc(32, 0xfb).toString("base64url"));
    const counting = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(newConsentState((bytes) => (bytes.set(counting), bytes))).toBe(
      Buffer.from(counting).toString("base64url"),
    );
  });

  test("a state works once, for the app it was issued for", () => {
    const store = createConsentStateStore(memoryStorage());
    const state = store.issue("desktop-mac");
    expect(store.take(state)).toEqual({ appId: "desktop-mac" });
    expect(store.take(state)).toBeUndefined();
  });

  test("unknown, malformed and expired states are refused", () => {
    let now = 1_000_000;
    const storage = memoryStorage();
    const store = createConsentStateStore(storage, { now: () => now, ttlMs: 60_000 });
    expect(store.take(newConsentState())).toBeUndefined();
    expect(store.take("__proto__")).toBeUndefined();
    expect(store.take("")).toBeUndefined();
    const state = store.issue("ios");
    now += 60_001;
    expect(store.take(state)).toBeUndefined();
    expect(storage.data.size).toBe(0);
  });

  test("survives damaged storage and caps the number of open states", () => {
    const storage = memoryStorage();
    storage.setItem("bluejeans.consent.states", "{not json");
    const store = createConsentStateStore(storage, { maxEntries: 3, fill: countingFill() });
    const states = ["a", "b", "c", "d"].map((app) => store.issue(app));
    expect(Object.keys(JSON.parse(storage.getItem("bluejeans.consent.states") ?? "{}"))).toHaveLength(3);
    expect(store.take(states[0] ?? "")).toBeUndefined();
    expect(store.take(states[3] ?? "")).toEqual({ appId: "d" });
  });
});

describe("adminConsentLinks", () => {
  test("one link per configured app; apps without a client ID are not linked", () => {
    const parsed = parseConfig({
      clientId: "",
      cloud: "usgov",
      scopes: ["User.Read"],
      redirectUri: "/auth-redirect.html",
      consentRedirectUri: "/consent-callback.html",
      apps: [
        { id: "ios", name: "iOS", clientId: CLIENT, redirectUri: "/cb", scopes: ["User.Read"], purpose: "p" },
        {
          id: "android",
          name: "Android",
          clientId: "",
          redirectUri: "/cb",
          scopes: ["User.Read"],
          purpose: "p",
        },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    const store = createConsentStateStore(memoryStorage(), { fill: countingFill() });
    const links = adminConsentLinks(parsed.config, {
      tenant: TENANT,
      origin: "https://addin.example.com",
      store,
    });
    expect(links).toHaveLength(2);
    const [ios, android] = links;
    expect(ios && "url" in ios ? ios.url : "").toMatch(
      new RegExp(
        `^https://login\\.microsoftonline\\.us/${TENANT}/v2\\.0/adminconsent\\?client_id=${CLIENT}&scope=User\\.Read` +
          "&redirect_uri=https%3A%2F%2Faddin\\.example\\.com%2Fcb&state=[A-Za-z0-9_-]{43}$",
      ),
    );
    expect(android).toMatchObject({ notConfigured: true });
  });
});
