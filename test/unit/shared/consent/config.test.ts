import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  absoluteRedirectUri,
  authorityBaseFor,
  isAppConfigured,
  msalAuthorityFor,
  parseConfig,
  signInHostFor,
} from "../../../../src/shared/consent/config";

const CLIENT = "0d3b6a2e-8c1f-4b7a-9e2d-5f6a7b8c9d0e";
const OTHER = "1e4c7b3f-9d2a-4c8b-8f3e-6a7b8c9d0e1f";
const defaultFile: unknown = JSON.parse(
  readFileSync(join(__dirname, "../../../../config/addin-config.json"), "utf8"),
);

function valid(): Record<string, unknown> & { apps: Array<Record<string, unknown>> } {
  return {
    clientId: CLIENT,
    cloud: "public",
    scopes: ["https://graph.microsoft.com/User.Read"],
    redirectUri: "/auth-redirect.html",
    consentRedirectUri: "/consent-callback.html",
    apps: [
      {
        id: "outlook-addin",
        name: "BlueJeans for Outlook",
        clientId: CLIENT,
        redirectUri: "https://addin.example.com/consent-callback.html",
        scopes: ["https://graph.microsoft.com/Calendars.ReadWrite"],
        purpose: "Adds meeting details.",
      },
    ],
  };
}

function problemsOf(raw: unknown): string[] {
  const result = parseConfig(raw);
  return result.ok ? [] : result.problems;
}

describe("the default config file", () => {
  test("parses, with the six BlueJeans apps, none configured yet", () => {
    const result = parseConfig(defaultFile);
    if (!result.ok) throw new Error(result.problems.join("\n"));
    const { config } = result;
    expect(config.clientId).toBe("");
    expect(config.cloud).toBe("public");
    expect(config.apps.map((a) => a.id)).toEqual([
      "desktop-windows",
      "desktop-mac",
      "outlook-addin",
      "ios",
      "android",
      "events",
    ]);
    expect(config.apps.every((a) => !isAppConfigured(a) && a.clientId === undefined)).toBe(true);
    for (const app of config.apps) {
      expect(app.scopes).toContain("https://graph.microsoft.com/Calendars.ReadWrite");
      expect(app.purpose.length).toBeGreaterThan(10);
    }
  });
});

describe("parseConfig accepts", () => {
  test("a filled-in config and keeps its values", () => {
    const raw = { ...valid(), tenant: "contoso.onmicrosoft.com", extraForOtherModules: { x: 1 } };
    const result = parseConfig(raw);
    expect(result).toEqual({ ok: true, config: { ...valid(), tenant: "contoso.onmicrosoft.com" } });
  });

  test("a local test identity provider", () => {
    const raw = { ...valid(), authority: "https://localhost:8443", knownAuthorities: ["localhost:8443"] };
    expect(problemsOf(raw)).toEqual([]);
    expect(
      problemsOf({ ...raw, authority: "http://127.0.0.1:8443", knownAuthorities: ["127.0.0.1:8443"] }),
    ).toEqual([]);
  });

  test("organizations as tenant and absolute redirect URIs", () => {
    expect(
      problemsOf({ ...valid(), tenant: "organizations", redirectUri: "https://a.example.com/r" }),
    ).toEqual([]);
  });
});

describe("parseConfig names the bad field", () => {
  const cases: Array<[string, (raw: ReturnType<typeof valid>) => unknown, string]> = [
    ["not an object", () => [], "config: must be a JSON object"],
    [
      "missing clientId",
      ({ clientId: _c, ...rest }) => rest,
      'clientId: missing (use "" until the add-in is registered)',
    ],
    ["bad clientId", (raw) => ({ ...raw, clientId: "12345" }), "clientId: not a GUID"],
    ["clientId not a string", (raw) => ({ ...raw, clientId: 42 }), "clientId: must be a string"],
    ["missing cloud", ({ cloud: _c, ...rest }) => rest, "cloud: missing (one of public, usgov, china)"],
    ["bad cloud", (raw) => ({ ...raw, cloud: "azure" }), "cloud: must be one of public, usgov, china"],
    ["tenant common", (raw) => ({ ...raw, tenant: "common" }), 'tenant: must not be "common"'],
    [
      "tenant path",
      (raw) => ({ ...raw, tenant: "../evil" }),
      "tenant: not a tenant ID (GUID) or a domain name",
    ],
    [
      "tenant consumers",
      (raw) => ({ ...raw, tenant: "consumers" }),
      "tenant: is the personal-account tenant",
    ],
    [
      "http authority",
      (raw) => ({ ...raw, authority: "http://idp.example.com" }),
      "authority: must use https",
    ],
    [
      "authority with query",
      (raw) => ({ ...raw, authority: "https://login.microsoftonline.com/?x=1" }),
      "authority: must not contain a query",
    ],
    [
      "authority not a URL",
      (raw) => ({ ...raw, authority: "login.microsoftonline.com" }),
      "authority: not an absolute URL",
    ],
    [
      "unknown authority host",
      (raw) => ({ ...raw, authority: "https://localhost:8443" }),
      "knownAuthorities: must list localhost:8443",
    ],
    [
      "knownAuthorities not a list",
      (raw) => ({ ...raw, knownAuthorities: "localhost" }),
      "knownAuthorities: must be a list",
    ],
    [
      "bad known authority",
      (raw) => ({ ...raw, knownAuthorities: ["https://x.com/"] }),
      "knownAuthorities[0]: not a host name",
    ],
    ["missing scopes", ({ scopes: _s, ...rest }) => rest, "scopes: missing"],
    ["empty scopes", (raw) => ({ ...raw, scopes: [] }), "scopes: must list at least one scope"],
    [
      "scope with space",
      (raw) => ({ ...raw, scopes: ["User.Read Mail.Read"] }),
      "scopes[0]: must not contain spaces",
    ],
    ["scope not a string", (raw) => ({ ...raw, scopes: ["User.Read", 7] }), "scopes[1]: must be a string"],
    [
      "public Graph in the US Government cloud",
      (raw) => ({ ...raw, cloud: "usgov" }),
      "scopes[0]: names Microsoft Graph of the public cloud; in the usgov cloud use https://graph.microsoft.us/...",
    ],
    ["missing redirectUri", ({ redirectUri: _r, ...rest }) => rest, "redirectUri: missing"],
    [
      "protocol-relative redirectUri",
      (raw) => ({ ...raw, redirectUri: "//evil.com/cb" }),
      "redirectUri: a path must stay",
    ],
    [
      "http consentRedirectUri",
      (raw) => ({ ...raw, consentRedirectUri: "http://a.example.com/cb" }),
      "consentRedirectUri: must use https",
    ],
    ["missing apps", ({ apps: _a, ...rest }) => rest, "apps: missing (use [] for none)"],
    ["apps not a list", (raw) => ({ ...raw, apps: {} }), "apps: must be a list"],
    ["app not an object", (raw) => ({ ...raw, apps: ["x"] }), "apps[0]: must be an object"],
    [
      "app clientId",
      (raw) => ({ ...raw, apps: [{ ...raw.apps[0], clientId: "abc" }] }),
      "apps[0].clientId: not a GUID",
    ],
    [
      "app id",
      (raw) => ({ ...raw, apps: [{ ...raw.apps[0], id: "Desktop Windows" }] }),
      "apps[0].id: use lower-case",
    ],
    ["app name", (raw) => ({ ...raw, apps: [{ ...raw.apps[0], name: " " }] }), "apps[0].name: empty"],
    [
      "app purpose missing",
      (raw) => ({ ...raw, apps: [{ ...raw.apps[0], purpose: undefined }] }),
      "apps[0].purpose: missing",
    ],
    [
      "app redirectUri",
      (raw) => ({ ...raw, apps: [{ ...raw.apps[0], redirectUri: "ftp://x.com" }] }),
      "apps[0].redirectUri: must use https",
    ],
    [
      "app scopes",
      (raw) => ({ ...raw, apps: [{ ...raw.apps[0], scopes: [] }] }),
      "apps[0].scopes: must list at least one scope",
    ],
    [
      "typo in a key",
      (raw) => ({ ...raw, apps: [{ ...raw.apps[0], clientID: CLIENT }] }),
      'apps[0].clientID: unknown field; did you mean "clientId"?',
    ],
  ];

  test.each(cases)("%s", (_label, change, expected) => {
    const problems = problemsOf(change(valid()));
    expect(problems.some((p) => p.startsWith(expected))).toBe(true);
  });

  test("duplicate ids and client IDs across apps", () => {
    const raw = valid();
    const first = raw.apps[0] ?? {};
    raw.apps = [first, { ...first, name: "again" }, { ...first, id: "other", clientId: OTHER }];
    expect(problemsOf(raw)).toEqual([
      "apps[1].id: same as apps[0].id",
      "apps[1].clientId: same as apps[0].clientId; each app has its own client ID",
    ]);
  });

  test("all problems are reported at once", () => {
    expect(problemsOf({ cloud: "x", clientId: "y", apps: 1 })).toHaveLength(6);
  });
});

describe("authority helpers", () => {
  test("sign-in host per cloud", () => {
    expect(signInHostFor("public")).toBe("login.microsoftonline.com");
    expect(signInHostFor("usgov")).toBe("login.microsoftonline.us");
    expect(signInHostFor("china")).toBe("login.partner.microsoftonline.cn");
  });

  test("MSAL authority: base plus pinned tenant, else organizations", () => {
    expect(msalAuthorityFor({ cloud: "public" })).toBe("https://login.microsoftonline.com/organizations");
    expect(msalAuthorityFor({ cloud: "china", tenant: "contoso.cn" })).toBe(
      "https://login.partner.microsoftonline.cn/contoso.cn",
    );
    expect(authorityBaseFor({ cloud: "public", authority: "https://localhost:8443/" })).toBe(
      "https://localhost:8443",
    );
  });

  test("redirect paths resolve against the add-in's origin", () => {
    expect(absoluteRedirectUri("/consent-callback.html", "https://addin.example.com")).toBe(
      "https://addin.example.com/consent-callback.html",
    );
    expect(absoluteRedirectUri("https://x.example.com/cb", "https://addin.example.com")).toBe(
      "https://x.example.com/cb",
    );
  });
});
