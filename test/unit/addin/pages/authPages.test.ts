/** The config loader, the dialog message and the dialog page's request. */
import { accountOf, errorFieldsOf, parseDialogMessage } from "../../../../src/addin/signin/dialogMessage";
import { loadAddinConfig, type FetchLike } from "../../../../src/addin/signin/loadConfig";
import { parseConfig, type AddinConfig } from "../../../../src/shared/consent/config";
import { readDialogRequest } from "../../../../src/addin/pages/auth-dialog/request";
import devConfig from "../../../../dev/addin-config.dev.json";

function answer(status: number, body: string): FetchLike {
  return async () => ({ ok: status >= 200 && status < 300, status, text: async () => body });
}

function dev(): AddinConfig {
  const parsed = parseConfig(devConfig);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.config;
}

describe("loadAddinConfig", () => {
  test("a valid configuration", async () => {
    const loaded = await loadAddinConfig(answer(200, JSON.stringify(devConfig)));
    expect(loaded.ok).toBe(true);
  });

  test("asks for /config.json without cache and with same-origin credentials", async () => {
    const seen: Array<[string, unknown]> = [];
    await loadAddinConfig(async (url, init) => {
      seen.push([url, init]);
      return { ok: true, status: 200, text: async () => JSON.stringify(devConfig) };
    });
    expect(seen).toEqual([["/config.json", { cache: "no-cache", credentials: "same-origin" }]]);
  });

  test.each([
    [
      "no answer",
      (async () => {
        throw new TypeError("Failed to fetch");
      }) as FetchLike,
      /could not be downloaded/,
    ],
    ["404", answer(404, "Not found"), /missing on the server/],
    ["500", answer(500, "oops"), /could not be downloaded/],
    ["not JSON", answer(200, "<html>"), /not valid JSON/],
    ["a JSON array", answer(200, "[]"), /incomplete or wrong/],
  ])("%s: a clear reason", async (_name, fetchFn, reason) => {
    const loaded = await loadAddinConfig(fetchFn);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.reason).toMatch(reason);
  });

  test("missing fields are each named", async () => {
    const { apps: _apps, redirectUri: _r, ...rest } = devConfig;
    const loaded = await loadAddinConfig(answer(200, JSON.stringify(rest)));
    expect(loaded).toMatchObject({ ok: false, reason: expect.stringMatching(/incomplete or wrong/) });
    if (!loaded.ok)
      expect(loaded.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^apps: missing/),
          expect.stringMatching(/^redirectUri: missing/),
        ]),
      );
  });

  test("an empty client ID: the add-in is not registered yet", async () => {
    const loaded = await loadAddinConfig(answer(200, JSON.stringify({ ...devConfig, clientId: "" })));
    expect(loaded).toMatchObject({ ok: false, reason: expect.stringMatching(/not registered/) });
  });

  test("an invalid tenant is refused by name", async () => {
    const loaded = await loadAddinConfig(answer(200, JSON.stringify({ ...devConfig, tenant: "common" })));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.join("\n")).toMatch(/^tenant: must not be "common"/m);
  });
});

describe("dialog messages", () => {
  test("round trip of success and failure; anything else is refused", () => {
    expect(
      parseDialogMessage(
        JSON.stringify({
          type: "bluejeans-auth",
          ok: true,
          account: { username: "a@b.c", tenantId: "t", name: "A", wids: ["x", 3] },
        }),
      ),
    ).toEqual({
      type: "bluejeans-auth",
      ok: true,
      account: { username: "a@b.c", tenantId: "t", name: "A", wids: ["x"] },
    });
    expect(
      parseDialogMessage(
        JSON.stringify({
          type: "bluejeans-auth",
          ok: false,
          error: { errorCode: "access_denied", extra: "dropped", errorNo: 65004 },
        }),
      ),
    ).toEqual({ type: "bluejeans-auth", ok: false, error: { errorCode: "access_denied", errorNo: "65004" } });
    for (const text of [
      "",
      "null",
      "{}",
      '{"type":"other","ok":true}',
      '{"type":"bluejeans-auth","ok":true,"account":{}}',
    ]) {
      expect(parseDialogMessage(text)).toBeUndefined();
    }
  });

  test("account facts come from the ID token when the account lacks them", () => {
    expect(accountOf({ username: "a@b.c", idTokenClaims: { tid: "t1", wids: ["w"] } })).toEqual({
      username: "a@b.c",
      tenantId: "t1",
      name: "",
      wids: ["w"],
    });
    expect(errorFieldsOf("plain")).toEqual({ errorMessage: "plain" });
  });
});

describe("auth-dialog request", () => {
  const config = dev();
  test("sign-in: the scopes, claims and login hint asked for; the config's scopes by default", () => {
    expect(
      readDialogRequest("?scopes=User.Read%20Calendars.Read&claims=c&loginHint=a%40b.c", config),
    ).toEqual({
      kind: "signIn",
      scopes: ["User.Read", "Calendars.Read"],
      claims: "c",
      loginHint: "a@b.c",
    });
    expect(readDialogRequest("", config)).toEqual({ kind: "signIn", scopes: config.scopes });
  });

  test("admin consent: a known app and a valid tenant only (never a URL from the query)", () => {
    expect(
      readDialogRequest("?action=adminconsent&app=events&tenant=contoso.onmicrosoft.com", config),
    ).toEqual({
      kind: "adminConsent",
      appId: "events",
      tenant: "contoso.onmicrosoft.com",
    });
    expect(readDialogRequest("?action=adminconsent&app=events", config)).toMatchObject({
      tenant: "organizations",
    });
    expect(readDialogRequest("?action=adminconsent&app=evil&tenant=organizations", config)).toMatchObject({
      kind: "invalid",
    });
    expect(readDialogRequest("?action=adminconsent&app=events&tenant=common", config)).toMatchObject({
      kind: "invalid",
    });
    expect(readDialogRequest("?action=adminconsent&app=events&tenant=%3Cscript%3E", config)).toMatchObject({
      kind: "invalid",
    });
  });
});
