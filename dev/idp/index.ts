/**
 * A local identity provider for development and browser tests: oauth2-mock-server behind a small
 * https front that gives it Entra-shaped paths and switchable failure scenarios.
 *
 *   /{tenant}/v2.0/.well-known/openid-configuration   discovery document (by tenant or e-mail domain)
 *   /{tenant}/oauth2/v2.0/authorize                   sign-in (prompt=none = silent)
 *   /{tenant}/oauth2/v2.0/token                       token endpoint
 *   /{tenant}/discovery/v2.0/keys                     signing keys
 *   /{tenant}/v2.0/adminconsent                       admin consent, answering the redirect URI
 *
 * The real MSAL library talks to it unchanged (see src/addin/signin/msalConfig.ts for the
 * settings a non-Microsoft authority needs). Nothing here ships with the add-in.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import {
  Events,
  OAuth2Issuer,
  OAuth2Service,
  type MutableRedirectUri,
  type MutableResponse,
  type MutableToken,
  type TokenRequestIncomingMessage,
} from "oauth2-mock-server";
import type { DevCerts } from "../certs";
import {
  DEV_TENANT_ID,
  DEV_USER,
  bridgeErrorFor,
  decide,
  freshProgress,
  isScenarioName,
  openIdConfigurationFor,
  personForHint,
  widsFor,
  type DevPerson,
  type IdpOutcome,
  type IdpStep,
  type NaaBridgeError,
  type ScenarioName,
  type ScenarioProgress,
} from "./scenarios";

export * from "./scenarios";

export interface IdentityProviderOptions {
  certs: DevCerts;
  /** 0 or absent: any free port. */
  port?: number;
  scenario?: ScenarioName;
}

/** What Outlook's bridge asks for (the part of its TokenRequest the fake bridge forwards). */
export interface NaaTokenRequest {
  method: "GetToken" | "GetTokenPopup";
  clientId: string;
  scope: string;
  claims?: string;
}

export type NaaTokenResult =
  | {
      ok: true;
      token: { access_token: string; id_token: string; expires_in: number; scope: string; authority: string };
      account: {
        homeAccountId: string;
        environment: string;
        tenantId: string;
        username: string;
        localAccountId: string;
        name: string;
      };
    }
  | { ok: false; error: NaaBridgeError };

export interface IdentityProvider {
  /** https://localhost:PORT */
  origin: string;
  /** The `iss` of every token: {origin}/{tenant}/v2.0, shaped like Entra's. */
  issuer: string;
  jwksUrl: string;
  tenantId: string;
  scenario(): ScenarioName;
  /** Switches the scenario and forgets approvals given in the previous one. */
  setScenario(name: ScenarioName): void;
  /** Answers one request of the workbench's fake Outlook bridge (nested app authentication). */
  naaToken(request: NaaTokenRequest): Promise<NaaTokenResult>;
  signAccessToken(claims: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

const TOKEN_TTL_S = 3600;
const TENANT_SEGMENT = /^\/([A-Za-z0-9.-]{1,253})(\/.*)$/;

function html(res: ServerResponse, status: number, title: string, text: string): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
      `<body><main><h1>${escape(title)}</h1><p>${escape(text)}</p></main></body></html>`,
  );
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "Access-Control-Allow-Origin": "*",
  });
  res.end(JSON.stringify(body));
}

function isGuidLike(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

function resourceScopes(scope: string): string[] {
  return scope.split(" ").filter((s) => s !== "" && !OIDC_SCOPES.has(s));
}

/** Entra's scp: the scope names without their resource ("Calendars.ReadWrite", "access_as_user"). */
function scpOf(scope: string): string {
  return resourceScopes(scope)
    .map((s) => (s.includes("/") ? s.slice(s.lastIndexOf("/") + 1) : s))
    .join(" ");
}

/**
 * The access token's audience, as Entra sets it: the resource the scopes belong to
 * (https://graph.microsoft.com, or an API's Application ID URI such as api://host/{clientId}),
 * else the client itself.
 */
function audienceOf(scope: string, clientId: string | undefined): string {
  const withResource = resourceScopes(scope).find((s) => s.includes("/"));
  if (withResource === undefined) return clientId ?? "";
  return withResource.slice(0, withResource.lastIndexOf("/"));
}

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate("RS256");
  const service = new OAuth2Service(issuer);

  let scenario: ScenarioName = options.scenario ?? "granted";
  let progress: ScenarioProgress = freshProgress();
  /** Outcomes decided by the front for requests the mock then answers. */
  const decided = new WeakMap<IncomingMessage, IdpOutcome>();
  /** Who signs in, by sign-in request (its login hint), then by the code and refresh tokens it led to. */
  const hinted = new WeakMap<IncomingMessage, DevPerson>();
  const byCode = new Map<string, DevPerson>();
  const byRefreshToken = new Map<string, DevPerson>();
  const personOf = (req: TokenRequestIncomingMessage): DevPerson => {
    const { code } = req.body;
    const refreshToken = (req.body as { refresh_token?: unknown }).refresh_token;
    if (typeof code === "string") return byCode.get(code) ?? DEV_USER;
    if (typeof refreshToken === "string") return byRefreshToken.get(refreshToken) ?? DEV_USER;
    return DEV_USER;
  };

  const step = (name: IdpStep, context: { clientId?: string; tenant?: string } = {}): IdpOutcome => {
    const result = decide(scenario, name, progress, context);
    progress = result.progress;
    return result.outcome;
  };

  const personClaims = (person: DevPerson = DEV_USER): Record<string, unknown> => ({
    tid: DEV_TENANT_ID,
    oid: person.oid,
    sub: person.oid,
    preferred_username: person.preferredUsername,
    name: person.name,
    wids: widsFor(scenario),
    ver: "2.0",
  });

  service.on(Events.BeforeTokenSigning, (token: MutableToken, req: TokenRequestIncomingMessage) => {
    Object.assign(token.payload, personClaims(personOf(req)));
    const scope = token.payload["scope"];
    if (typeof scope === "string") {
      // The access token: the resource's audience and the delegated scopes granted.
      const clientId = typeof req.body.client_id === "string" ? req.body.client_id : undefined;
      token.payload["scp"] = scpOf(scope);
      token.payload["aud"] = audienceOf(scope, clientId);
      if (clientId !== undefined) token.payload["azp"] = clientId;
    }
  });

  service.on(Events.BeforeAuthorizeRedirect, (redirect: MutableRedirectUri, req: IncomingMessage) => {
    const outcome = decided.get(req);
    const { url } = redirect;
    if (outcome?.kind !== "error") {
      const code = url.searchParams.get("code");
      if (code !== null) byCode.set(code, hinted.get(req) ?? DEV_USER);
      return;
    }
    url.searchParams.delete("code");
    url.searchParams.set("error", outcome.error.error);
    url.searchParams.set("error_description", outcome.error.description);
    if (outcome.error.aadsts !== undefined) {
      url.searchParams.set(
        "error_uri",
        `https://login.microsoftonline.com/error?code=${outcome.error.aadsts}`,
      );
    }
    if (outcome.error.suberror !== undefined) url.searchParams.set("suberror", outcome.error.suberror);
  });

  service.on(Events.BeforeResponse, (response: MutableResponse, req: TokenRequestIncomingMessage) => {
    if (response.statusCode !== 200) return;
    const person = personOf(req);
    const grant = req.body.grant_type;
    const clientId = typeof req.body.client_id === "string" ? req.body.client_id : undefined;
    const outcome = step(grant === "refresh_token" ? "token-refresh" : "token-code", {
      ...(clientId ? { clientId } : {}),
    });
    if (outcome.kind !== "error") {
      const refreshToken = typeof response.body === "object" ? response.body["refresh_token"] : undefined;
      if (typeof refreshToken === "string") byRefreshToken.set(refreshToken, person);
      return;
    }
    response.statusCode = 400;
    response.body = {
      error: outcome.error.error,
      error_description: outcome.error.description,
      error_codes: outcome.error.aadsts === undefined ? [] : [outcome.error.aadsts],
      ...(outcome.error.suberror !== undefined ? { suberror: outcome.error.suberror } : {}),
      timestamp: new Date().toISOString(),
      trace_id: "00000000-0000-0000-0000-000000000000",
      correlation_id: "11111111-1111-4111-8111-111111111111",
    };
  });

  let origin = "";
  const mock = service.requestHandler;

  const adminConsent = (url: URL, tenant: string, res: ServerResponse): void => {
    const clientId = url.searchParams.get("client_id") ?? "";
    const redirectUri = url.searchParams.get("redirect_uri") ?? "";
    const state = url.searchParams.get("state");
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      html(res, 400, "Admin consent request not valid", "redirect_uri is missing or not an absolute URL.");
      return;
    }
    if (!isGuidLike(clientId) || (url.searchParams.get("scope") ?? "") === "") {
      html(res, 400, "Admin consent request not valid", "client_id must be a GUID and scope must be set.");
      return;
    }
    const outcome = step("admin-consent", { clientId, tenant });
    if (outcome.kind === "error") {
      target.searchParams.set("error", outcome.error.error);
      target.searchParams.set("error_description", outcome.error.description);
      target.searchParams.set("admin_consent", "True");
    } else {
      target.searchParams.set("admin_consent", "True");
      target.searchParams.set("tenant", isGuidLike(tenant) ? tenant : DEV_TENANT_ID);
      target.searchParams.set("scope", url.searchParams.get("scope") ?? "");
    }
    if (state !== null) target.searchParams.set("state", state);
    res.writeHead(302, { Location: target.href, "Cache-Control": "no-store" });
    res.end();
  };

  const front = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", origin || "https://localhost");
    const match = TENANT_SEGMENT.exec(url.pathname);
    if (!match) {
      mock(req, res);
      return;
    }
    const [, tenant = "", rest = ""] = match;
    switch (rest) {
      case "/v2.0/.well-known/openid-configuration": {
        const answer = openIdConfigurationFor(origin, tenant);
        json(res, answer.status, answer.body);
        return;
      }
      case "/discovery/v2.0/keys":
        json(res, 200, { keys: issuer.keys.toJSON() });
        return;
      case "/v2.0/adminconsent":
        adminConsent(url, tenant, res);
        return;
      case "/oauth2/v2.0/logout":
        html(res, 200, "Signed out", "You are signed out of the local test identity provider.");
        return;
      case "/oauth2/v2.0/token":
        req.url = `/token${url.search}`;
        mock(req, res);
        return;
      case "/oauth2/v2.0/authorize": {
        const silent = url.searchParams.get("prompt") === "none";
        const clientId = url.searchParams.get("client_id") ?? undefined;
        const outcome = step(silent ? "authorize-silent" : "authorize-interactive", {
          ...(clientId ? { clientId } : {}),
          tenant,
        });
        if (outcome.kind === "hold") {
          html(
            res,
            200,
            "Sign in (local test identity provider)",
            "This window waits for you. Close it to cancel the sign-in.",
          );
          return;
        }
        decided.set(req, outcome);
        hinted.set(req, personForHint(url.searchParams.get("login_hint")));
        req.url = `/authorize${url.search}`;
        mock(req, res);
        return;
      }
      default:
        mock(req, res);
    }
  };

  const server: Server = createServer({ key: options.certs.key, cert: options.certs.cert }, front);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "localhost", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `https://localhost:${port}`;
  issuer.url = `${origin}/${DEV_TENANT_ID}/v2.0`;
  const host = `localhost:${port}`;

  const signAccessToken = (claims: Record<string, unknown>): Promise<string> =>
    issuer.buildToken({
      expiresIn: TOKEN_TTL_S,
      scopesOrTransform: (_header, payload) => {
        Object.assign(payload, personClaims(), claims);
      },
    });

  return {
    origin,
    issuer: issuer.url,
    jwksUrl: `${origin}/${DEV_TENANT_ID}/discovery/v2.0/keys`,
    tenantId: DEV_TENANT_ID,
    scenario: () => scenario,
    setScenario(name) {
      if (!isScenarioName(name)) throw new RangeError(`Unknown scenario: ${String(name)}`);
      scenario = name;
      progress = freshProgress();
    },
    async naaToken(request) {
      const outcome = step(request.method === "GetTokenPopup" ? "naa-interactive" : "naa-silent", {
        clientId: request.clientId,
      });
      const error = bridgeErrorFor(outcome);
      if (error) return { ok: false, error };
      const accessToken = await signAccessToken({
        scope: request.scope,
        scp: scpOf(request.scope),
        aud: audienceOf(request.scope, request.clientId),
        azp: request.clientId,
      });
      const idToken = await signAccessToken({ aud: request.clientId });
      return {
        ok: true,
        token: {
          access_token: accessToken,
          id_token: idToken,
          expires_in: TOKEN_TTL_S,
          scope: request.scope,
          authority: `${origin}/${DEV_TENANT_ID}`,
        },
        account: {
          homeAccountId: `${DEV_USER.oid}.${DEV_TENANT_ID}`,
          environment: host,
          tenantId: DEV_TENANT_ID,
          username: DEV_USER.preferredUsername,
          localAccountId: DEV_USER.oid,
          name: DEV_USER.name,
        },
      };
    },
    signAccessToken,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
