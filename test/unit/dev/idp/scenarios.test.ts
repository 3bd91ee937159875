import Fastify from "fastify";
import type { IdentityProvider, NaaTokenRequest, NaaTokenResult } from "../../../../dev/idp/index";
import { idpControlRoutes } from "../../../../dev/idp/routes";
import {
  CONSUMER_TENANT,
  DEV_TENANT_ID,
  DEV_USER,
  OTHER_DEV_PEOPLE,
  personForHint,
  SCENARIO_NAMES,
  bridgeErrorFor,
  openIdConfigurationFor,
  decide,
  freshProgress,
  type IdpStep,
  type ScenarioName,
  type ScenarioProgress,
} from "../../../../dev/idp/scenarios";
import { createNaaBridge } from "../../../../dev/workbench/naaBridge";
import { classifyAuthError } from "../../../../src/shared/consent/classify";

/** Runs steps in order through one scenario, returning the AADSTS number or "ok"/"hold" of each. */
function run(scenario: ScenarioName, steps: IdpStep[]): Array<number | string> {
  let progress: ScenarioProgress = freshProgress();
  return steps.map((step) => {
    const result = decide(scenario, step, progress, { clientId: "c", tenant: "organizations" });
    progress = result.progress;
    const o = result.outcome;
    return o.kind === "error" ? (o.error.aadsts ?? o.error.error) : o.kind;
  });
}

describe("identity provider scenarios", () => {
  test("each scenario's answers to silent, interactive and silent again", () => {
    const steps: IdpStep[] = ["authorize-silent", "authorize-interactive", "authorize-silent"];
    const table = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, run(name, steps)]));
    expect(table).toEqual({
      granted: ["ok", "ok", "ok"],
      "user-consent-then-granted": [65001, "ok", "ok"],
      "admin-consent-required": [65001, 90094, 65001],
      declined: [65001, 65004, 65001],
      "app-not-in-tenant": [700016, 700016, 700016],
      "conditional-access": ["ok", "ok", "ok"], // the token endpoint refuses instead
      "mfa-required": [50076, "ok", "ok"],
      "popup-closed": [50058, "hold", 50058],
      "admin-signed-in": ["ok", "ok", "ok"],
      naa: ["invalid_request", "invalid_request", "invalid_request"],
      "consent-tightened": ["ok", "ok", "ok"], // no tokens were issued yet, so no sign-in happened
    });
  });

  test("admin consent fixes the consent scenarios, except when the administrator declines", () => {
    expect(run("admin-consent-required", ["admin-consent", "authorize-silent", "token-code"])).toEqual([
      "ok",
      "ok",
      "ok",
    ]);
    expect(run("app-not-in-tenant", ["admin-consent", "authorize-interactive"])).toEqual(["ok", "ok"]);
    expect(run("declined", ["admin-consent", "authorize-silent"])).toEqual([65004, 65001]);
  });

  test("Conditional Access blocks at the token endpoint with message_only, which MSAL and the classifier read", () => {
    const { outcome } = decide("conditional-access", "token-code", freshProgress());
    expect(outcome).toMatchObject({
      kind: "error",
      error: { error: "invalid_grant", aadsts: 53003, suberror: "message_only" },
    });
    if (outcome.kind !== "error") throw new Error();
    const classified = classifyAuthError(
      {
        errorCode: outcome.error.error,
        subError: outcome.error.suberror,
        errorMessage: outcome.error.description,
      },
      { interactive: false, naa: false },
    );
    expect(classified.kind).toBe("blockedByPolicy");
  });

  test("every error the provider gives is classified to the remedy the scenario is about", () => {
    const expected: Partial<Record<ScenarioName, [IdpStep, string]>> = {
      "user-consent-then-granted": ["authorize-silent", "userConsentNeeded"],
      "admin-consent-required": ["authorize-interactive", "adminConsentRequired"],
      declined: ["authorize-interactive", "consentDeclined"],
      "app-not-in-tenant": ["authorize-silent", "appNotInTenant"],
      "mfa-required": ["authorize-silent", "interactionRequired"],
      "popup-closed": ["authorize-silent", "interactionRequired"],
    };
    for (const [scenario, [step, kind]] of Object.entries(expected) as Array<
      [ScenarioName, [IdpStep, string]]
    >) {
      const { outcome } = decide(scenario, step, freshProgress());
      if (outcome.kind !== "error") throw new Error(scenario);
      const classified = classifyAuthError(
        { errorCode: outcome.error.error, errorMessage: outcome.error.description },
        { interactive: step === "authorize-interactive", naa: false },
      );
      expect([scenario, classified.kind]).toEqual([scenario, kind]);
    }
  });

  test("bridge errors: interaction needed, the person cancelled, or a persistent error", () => {
    expect(bridgeErrorFor(decide("mfa-required", "naa-silent", freshProgress()).outcome)).toMatchObject({
      status: "USER_INTERACTION_REQUIRED",
      code: "interaction_required",
    });
    expect(bridgeErrorFor(decide("popup-closed", "naa-interactive", freshProgress()).outcome)).toEqual({
      status: "USER_CANCEL",
    });
    expect(
      bridgeErrorFor(decide("admin-consent-required", "naa-interactive", freshProgress()).outcome),
    ).toMatchObject({
      status: "PERSISTENT_ERROR",
      description: expect.stringMatching(/^AADSTS90094:/),
    });
    expect(bridgeErrorFor(decide("naa", "naa-silent", freshProgress()).outcome)).toBeUndefined();
  });
});

function fakeIdp(): IdentityProvider & { requests: NaaTokenRequest[] } {
  let scenario: ScenarioName = "granted";
  const requests: NaaTokenRequest[] = [];
  return {
    requests,
    origin: "https://localhost:1",
    issuer: "https://localhost:1/t/v2.0",
    jwksUrl: "https://localhost:1/t/discovery/v2.0/keys",
    tenantId: "t",
    scenario: () => scenario,
    setScenario: (name) => {
      scenario = name;
    },
    naaToken: async (request): Promise<NaaTokenResult> => {
      requests.push(request);
      return { ok: false, error: { status: "USER_CANCEL" } };
    },
    signAccessToken: async () => "token",
    stop: async () => undefined,
  };
}

describe("idp control routes", () => {
  test("GET and POST /__dev/idp/scenario; unknown names refused", async () => {
    const idp = fakeIdp();
    const app = Fastify();
    await app.register(idpControlRoutes(idp));
    const got = await app.inject({ method: "GET", url: "/__dev/idp/scenario" });
    expect(got.json()).toMatchObject({ name: "granted", origin: "https://localhost:1", tenantId: "t" });
    const set = await app.inject({
      method: "POST",
      url: "/__dev/idp/scenario",
      payload: { name: "declined" },
    });
    expect(set.json()).toMatchObject({ name: "declined" });
    expect(idp.scenario()).toBe("declined");
    const bad = await app.inject({ method: "POST", url: "/__dev/idp/scenario", payload: { name: "nope" } });
    expect(bad.statusCode).toBe(400);
    expect(idp.scenario()).toBe("declined");
    await app.close();
  });

  test("POST /__dev/idp/naa checks the request and hands it to the provider", async () => {
    const idp = fakeIdp();
    const app = Fastify();
    await app.register(idpControlRoutes(idp));
    const ok = await app.inject({
      method: "POST",
      url: "/__dev/idp/naa",
      payload: { method: "GetTokenPopup", clientId: "c", scope: "User.Read" },
    });
    expect(ok.json()).toEqual({ ok: false, error: { status: "USER_CANCEL" } });
    expect(idp.requests).toEqual([{ method: "GetTokenPopup", clientId: "c", scope: "User.Read" }]);
    const bad = await app.inject({ method: "POST", url: "/__dev/idp/naa", payload: { method: "Other" } });
    expect(bad.statusCode).toBe(400);
    await app.close();
  });
});

describe("fake Outlook bridge", () => {
  function bridgeWith(answer: unknown) {
    const calls: unknown[] = [];
    const bridge = createNaaBridge({
      requestToken: async (body) => {
        calls.push(body);
        return answer;
      },
    });
    const responses: unknown[] = [];
    const waiters: Array<() => void> = [];
    bridge.addEventListener("message", (r) => {
      responses.push(JSON.parse(typeof r === "string" ? r : r.data));
      waiters.splice(0).forEach((wake) => wake());
    });
    /** Resolves once the bridge has answered `count` messages in all. */
    const answered = async (count: number): Promise<void> => {
      while (responses.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    return { bridge, calls, responses, answered };
  }

  test("GetInitContext, then GetToken answered from the identity provider", async () => {
    const token = { access_token: "a", id_token: "i", expires_in: 3600, scope: "s", authority: "x" };
    const account = {
      homeAccountId: "h",
      environment: "e",
      tenantId: "t",
      username: "u",
      localAccountId: "l",
      name: "n",
    };
    const { bridge, calls, responses, answered } = bridgeWith({ ok: true, token, account });
    bridge.postMessage(
      JSON.stringify({ messageType: "NestedAppAuthRequest", method: "GetInitContext", requestId: "1" }),
    );
    bridge.postMessage(
      JSON.stringify({
        messageType: "NestedAppAuthRequest",
        method: "GetToken",
        requestId: "2",
        tokenParams: { clientId: "c", scope: "User.Read openid", correlationId: "x" },
      }),
    );
    bridge.postMessage("not json"); // ignored at once, as Outlook's bridge does
    await answered(2);
    expect(calls).toEqual([{ method: "GetToken", clientId: "c", scope: "User.Read openid" }]);
    expect(responses).toEqual([
      expect.objectContaining({
        messageType: "NestedAppAuthResponse",
        requestId: "1",
        success: true,
        initContext: expect.any(Object),
      }),
      { messageType: "NestedAppAuthResponse", requestId: "2", success: true, token, account },
    ]);
  });

  test("errors keep the bridge's status, code and description", async () => {
    const error = { status: "PERSISTENT_ERROR", code: "access_denied", description: "AADSTS90094: admin" };
    const { bridge, responses, answered } = bridgeWith({ ok: false, error });
    bridge.postMessage(
      JSON.stringify({
        messageType: "NestedAppAuthRequest",
        method: "GetTokenPopup",
        requestId: "3",
        tokenParams: { clientId: "c", scope: "s" },
      }),
    );
    await answered(1);
    expect(responses).toEqual([
      { messageType: "NestedAppAuthResponse", requestId: "3", success: false, error },
    ]);
  });
});

describe("organisations by e-mail domain", () => {
  const base = "https://login.microsoftonline.us";
  test("a known domain: its tenant in an issuer on the host asked", () => {
    const answer = openIdConfigurationFor(base, "contoso.com");
    expect(answer.status).toBe(200);
    expect(answer.body["issuer"]).toBe(`${base}/${DEV_TENANT_ID}/v2.0`);
  });
  test("a personal domain: the consumer tenant", () => {
    expect(openIdConfigurationFor(base, "outlook.com").body["issuer"]).toBe(
      `${base}/${CONSUMER_TENANT}/v2.0`,
    );
  });
  test("an unknown domain: Entra's 400 AADSTS90002", () => {
    const answer = openIdConfigurationFor(base, "unknown.example");
    expect(answer.status).toBe(400);
    expect(answer.body["error_codes"]).toEqual([90002]);
  });
});

describe("a returning user after the administrator tightened consent", () => {
  test("the first sign-in works, then AADSTS65001 silently and AADSTS90094 interactively, until approved", () => {
    expect(
      run("consent-tightened", [
        "authorize-silent",
        "token-code",
        "token-refresh",
        "authorize-silent",
        "authorize-interactive",
        "admin-consent",
        "token-refresh",
      ]),
    ).toEqual(["ok", "ok", 65001, 65001, 90094, "ok", "ok"]);
    expect(run("consent-tightened", ["naa-silent", "naa-silent", "naa-interactive"])).toEqual([
      "ok",
      65001,
      90094,
    ]);
  });
});

describe("who signs in (the login hint)", () => {
  test("the hinted person, in any case and with spaces around; anyone else or no hint: the default person", () => {
    expect(personForHint(" MeganB@Contoso.com ")).toMatchObject({ name: "Megan Bowen" });
    expect(personForHint("sam@contoso.example")).toMatchObject({ name: "Sam Rivera" });
    expect(personForHint("nobody@contoso.com")).toBe(DEV_USER);
    expect(personForHint(undefined)).toBe(DEV_USER);
    expect(personForHint(null)).toBe(DEV_USER);
  });

  test("everyone has an own object ID, and their domains are organisations of the one tenant", () => {
    const people = [DEV_USER, ...OTHER_DEV_PEOPLE];
    expect(new Set(people.map((p) => p.oid)).size).toBe(people.length);
    for (const person of people) {
      const domain = person.preferredUsername.split("@")[1] ?? "";
      const answer = openIdConfigurationFor("https://localhost:1", domain);
      expect(answer.status).toBe(200);
      expect(answer.body.issuer).toBe(`https://localhost:1/${DEV_TENANT_ID}/v2.0`);
    }
  });
});
