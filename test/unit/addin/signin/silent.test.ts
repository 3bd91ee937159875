import type { AuthenticationResult, SilentRequest } from "@azure/msal-browser";
import type { AuthClient, MsalFactories } from "../../../../src/addin/signin";
import type { FetchLike } from "../../../../src/addin/signin/loadConfig";
import { NoSilentToken, silentApiToken } from "../../../../src/addin/signin/silent";
import devConfig from "../../../../dev/addin-config.dev.json";

const ORIGIN = "https://addin.example.com:3100";

/** /config.json as the add-in's server serves it (or fails to). */
function configFetch(answer: { status: number; body?: string } | "offline"): FetchLike {
  return async () => {
    if (answer === "offline") throw new TypeError("Failed to fetch");
    return { ok: answer.status === 200, status: answer.status, text: async () => answer.body ?? "" };
  };
}
const SERVED = configFetch({ status: 200, body: JSON.stringify(devConfig) });

/** A nestable client that behaves like MSAL's: silent requests answer or fail as told. */
function nestable(answer: (request: SilentRequest) => Promise<AuthenticationResult>) {
  const requests: SilentRequest[] = [];
  const client: AuthClient = {
    getActiveAccount: () => null,
    getAllAccounts: () => [],
    setActiveAccount: () => undefined,
    acquireTokenSilent: (request) => {
      requests.push(request);
      return answer(request);
    },
    ssoSilent: () => Promise.reject(new Error("ssoSilent is not expected here")),
    acquireTokenPopup: () => Promise.reject(new Error("a popup must never open")),
  };
  const made: string[] = [];
  const msal: MsalFactories = {
    createNestablePublicClientApplication: async () => {
      made.push("nestable");
      return client;
    },
    createStandardPublicClientApplication: async () => {
      made.push("standard");
      return client;
    },
  };
  return { msal, requests, made };
}

const token = (accessToken: string) => ({ accessToken }) as AuthenticationResult;
const withBridge = { nestedAppAuthBridge: {} } as unknown as Window;
const noBridge = {} as unknown as Window;
const officeSays = (result: string | Error) => () =>
  result instanceof Error ? Promise.reject(result) : Promise.resolve(result);

test("NestedAppAuth with Outlook's bridge: MSAL's nestable client asks for the add-in's API, no window", async () => {
  const fake = nestable(async () => token("naa-token"));
  const office = jest.fn(officeSays("sso-token"));
  const got = await silentApiToken(
    { origin: ORIGIN, loginHint: "alexw@contoso.com", officeToken: office },
    { msal: fake.msal, window: withBridge, fetchConfig: SERVED },
  );
  expect(got).toBe("naa-token");
  expect(fake.made).toEqual(["nestable"]);
  expect(fake.requests.map((r) => r.scopes)).toEqual([
    [`api://addin.example.com:3100/${devConfig.clientId}/access_as_user`],
  ]);
  expect(office).not.toHaveBeenCalled();
});

test("NestedAppAuth reported but no bridge in this page: Office's single sign-on", async () => {
  const fake = nestable(async () => token("naa-token"));
  const got = await silentApiToken(
    { origin: ORIGIN, officeToken: officeSays("sso-token") },
    { msal: fake.msal, window: noBridge, fetchConfig: SERVED },
  );
  expect(got).toBe("sso-token");
  expect(fake.requests).toEqual([]);
});

test("the bridge needs the person (interaction required): rejects, nothing interactive is tried", async () => {
  const fake = nestable(() =>
    Promise.reject(Object.assign(new Error("interaction required"), { errorCode: "interaction_required" })),
  );
  const office = jest.fn(officeSays("sso-token"));
  await expect(
    silentApiToken(
      { origin: ORIGIN, officeToken: office },
      { msal: fake.msal, window: withBridge, fetchConfig: SERVED },
    ),
  ).rejects.toMatchObject({ name: "AuthProblem" });
  expect(fake.requests).toHaveLength(1);
  expect(office).not.toHaveBeenCalled();
});

test.each([
  ["missing", configFetch({ status: 404 })],
  ["unreachable", configFetch("offline")],
  ["not JSON", configFetch({ status: 200, body: "<html>" })],
])("the add-in's /config.json %s: rejects with a reason, MSAL is not started", async (_what, fetchConfig) => {
  const fake = nestable(async () => token("naa-token"));
  const attempt = silentApiToken(
    { origin: ORIGIN, officeToken: officeSays("sso-token") },
    { msal: fake.msal, window: withBridge, fetchConfig },
  );
  await expect(attempt).rejects.toBeInstanceOf(NoSilentToken);
  await expect(attempt).rejects.toThrow(/sign-in settings/);
  expect(fake.made).toEqual([]);
});

test("no bridge, and single sign-on failing: its error is passed on as it is", async () => {
  const refused = Object.assign(new Error("User login is required."), { code: 13001 });
  await expect(
    silentApiToken(
      { origin: ORIGIN, officeToken: officeSays(refused) },
      { window: noBridge, fetchConfig: SERVED },
    ),
  ).rejects.toBe(refused);
});

test("a bridge that never answers: rejects once the wait is over, never hangs", async () => {
  jest.useFakeTimers();
  try {
    const fake = nestable(() => new Promise<AuthenticationResult>(() => undefined));
    const attempt = silentApiToken(
      { origin: ORIGIN, officeToken: officeSays("sso-token") },
      { msal: fake.msal, window: withBridge, fetchConfig: SERVED, waitMs: 5_000 },
    );
    const settled = expect(attempt).rejects.toThrow("Sign-in did not answer in time.");
    await jest.advanceTimersByTimeAsync(4_999);
    expect(fake.requests).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await settled;
  } finally {
    jest.useRealTimers();
  }
});
