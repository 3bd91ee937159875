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
  const host = "addin.example.com";
  const apiScope = `api://${host}/${config.clientId}/access_as_user`;
  const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
  const read = (query: Record<string, string>) =>
    readDialogRequest(`?${new URLSearchParams(query).toString()}`, config, host);

  test("sign-in: the configuration's scopes and the API scope, JSON claims and an e-mail login hint", () => {
    const scopes = [config.scopes[0]!, apiScope];
    expect(read({ scopes: scopes.join(" "), claims, loginHint: "a@b.example" })).toEqual({
      kind: "signIn",
      scopes,
      claims,
      loginHint: "a@b.example",
    });
    expect(readDialogRequest("", config, host)).toEqual({ kind: "signIn", scopes: config.scopes });
  });

  test("sign-in: a scope the add-in does not use is refused, however it is written", () => {
    for (const scope of [
      "User.Read",
      "https://graph.microsoft.com/Mail.ReadWrite",
      `api://evil.example/${config.clientId}/access_as_user`,
      `${config.scopes[0]!}x`,
    ]) {
      expect(read({ scopes: `${config.scopes[0]!} ${scope}` })).toEqual({
        kind: "invalid",
        reason: "The request asks for a permission BlueJeans does not use.",
      });
    }
  });

  test("sign-in: claims must be a JSON object, the login hint an e-mail address", () => {
    for (const bad of ["c", "{", "[1]", "null", '"text"']) {
      expect(read({ claims: bad })).toEqual({
        kind: "invalid",
        reason: "The request's sign-in challenge (claims) is not valid.",
      });
    }
    for (const bad of [
      "alex",
      "a@b",
      "a b@c.example",
      "a@b.example<script>",
      `${"a".repeat(250)}@b.example`,
    ]) {
      expect(read({ loginHint: bad })).toEqual({
        kind: "invalid",
        reason: "The request's sign-in name is not an e-mail address.",
      });
    }
  });

  test("admin consent: a known app and a valid tenant only (never a URL from the query)", () => {
    expect(
      readDialogRequest("?action=adminconsent&app=events&tenant=contoso.onmicrosoft.com", config, host),
    ).toEqual({
      kind: "adminConsent",
      appId: "events",
      tenant: "contoso.onmicrosoft.com",
    });
    expect(readDialogRequest("?action=adminconsent&app=events", config, host)).toMatchObject({
      tenant: "organizations",
    });
    expect(
      readDialogRequest("?action=adminconsent&app=evil&tenant=organizations", config, host),
    ).toMatchObject({
      kind: "invalid",
    });
    expect(readDialogRequest("?action=adminconsent&app=events&tenant=common", config, host)).toMatchObject({
      kind: "invalid",
    });
    expect(
      readDialogRequest("?action=adminconsent&app=events&tenant=%3Cscript%3E", config, host),
    ).toMatchObject({
      kind: "invalid",
    });
  });
});
