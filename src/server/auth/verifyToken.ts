/**
 * Verifies the bearer token of every API request: signature against the tenant's published
 * keys, issuer, audience, lifetime, algorithm and scope. Nothing is done for a request that
 * fails any check; the reason code says which.
 */
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type FetchImplementation,
  type JWTPayload,
} from "jose";
import { LRUCache } from "lru-cache";

export type TokenRejection =
  | "missing_token"
  | "malformed_token"
  | "algorithm_not_allowed"
  | "tenant_not_allowed"
  | "unknown_key"
  | "bad_signature"
  | "wrong_issuer"
  | "wrong_audience"
  | "expired"
  | "not_yet_valid"
  | "missing_scope"
  | "missing_user"
  | "keys_unavailable";

/** The person the token names; the server acts for this user only. */
export interface TokenUser {
  tenantId: string;
  objectId: string;
  email: string;
  name: string;
}

export type VerifyResult = { ok: true; user: TokenUser } | { ok: false; reason: TokenRejection };

export interface TokenVerifierOptions {
  /** Accepted `aud` values: the add-in's client ID and its Application ID URI. */
  audiences: string[];
  /** Tenant IDs whose users may call; "*" accepts any tenant (multi-tenant deployments). */
  allowedTenants: string[] | "*";
  /** Issuer for a tenant, `{tenant}` replaced: `https://login.microsoftonline.com/{tenant}/v2.0`. */
  issuerTemplate: string;
  /** Key set for a tenant: `https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys`. */
  jwksTemplate: string;
  /** Delegated scope the token must carry. */
  requiredScope: string;
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /** How many tenants' key sets are kept; the oldest is dropped beyond it. */
  maxCachedTenants?: number;
  /** How many verified tokens are remembered until they expire. */
  maxCachedTokens?: number;
  /** How the key sets are fetched; the dev stack passes one that trusts its local certificate. */
  fetchKeys?: FetchImplementation;
  /** Least time between two fetches of one tenant's keys (an unknown key id triggers one). */
  keyRefreshCooldownMs?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createTokenVerifier(
  options: TokenVerifierOptions,
): (authorization: string | undefined) => Promise<VerifyResult> {
  const algorithms = options.algorithms ?? ["RS256"];
  const maxTenants = options.maxCachedTenants ?? 100;
  const keySets = new LRUCache<string, ReturnType<typeof createRemoteJWKSet>>({ max: maxTenants });

  // jose fetches the set once, caches it, and refetches when a token names an unknown key id.
  const keySetFor = (tenant: string) => {
    let keys = keySets.get(tenant);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(options.jwksTemplate.replace("{tenant}", tenant)), {
        timeoutDuration: 5000,
        cooldownDuration: options.keyRefreshCooldownMs ?? 30_000,
        cacheMaxAge: 24 * 3600_000,
        ...(options.fetchKeys ? { [customFetch]: options.fetchKeys } : {}),
      });
      keySets.set(tenant, keys);
    }
    return keys;
  };

  // A token already verified is not verified again until it expires: the pane sends the same
  // one with every request. Bounded; only successes are kept.
  const verified = new LRUCache<string, { user: TokenUser; expiresAt: number }>({
    max: options.maxCachedTokens ?? 10_000,
  });

  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? "");
    if (!authorization) return { ok: false, reason: "missing_token" };
    if (!match) return { ok: false, reason: "malformed_token" };
    const token = match[1]!;
    const known = verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return { ok: true, user: known.user };
      verified.delete(token);
    }

    let tenant: string;
    try {
      const header = decodeProtectedHeader(token);
      if (typeof header.alg !== "string" || !algorithms.includes(header.alg)) {
        return { ok: false, reason: "algorithm_not_allowed" };
      }
      const claims = decodeJwt(token);
      tenant = typeof claims.tid === "string" ? claims.tid : "";
    } catch {
      return { ok: false, reason: "malformed_token" };
    }
    // Checked before any key fetch, so a token cannot make the server fetch arbitrary URLs.
    if (!GUID.test(tenant)) return { ok: false, reason: "malformed_token" };
    if (options.allowedTenants !== "*" && !options.allowedTenants.includes(tenant.toLowerCase())) {
      return { ok: false, reason: "tenant_not_allowed" };
    }

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySetFor(tenant), {
        algorithms,
        issuer: options.issuerTemplate.replace("{tenant}", tenant),
        audience: options.audiences,
        clockTolerance: options.clockToleranceSeconds ?? 60,
        requiredClaims: ["exp", "iat"],
      }));
    } catch (error) {
      return { ok: false, reason: rejectionFor(error) };
    }

    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(options.requiredScope)) return { ok: false, reason: "missing_scope" };
    const email = [payload.preferred_username, payload.email, payload.upn].find(
      (v): v is string => typeof v === "string" && v.includes("@"),
    );
    if (typeof payload.oid !== "string" || !email) return { ok: false, reason: "missing_user" };
    const user: TokenUser = {
      tenantId: tenant,
      objectId: payload.oid,
      email: email.toLowerCase(),
      name: typeof payload.name === "string" ? payload.name : email,
    };
    verified.set(token, { user, expiresAt: (payload.exp as number) * 1000 });
    return { ok: true, user };
  };
}

function rejectionFor(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "wrong_issuer";
    if (error.claim === "aud") return "wrong_audience";
    if (error.claim === "nbf") return "not_yet_valid";
    return "malformed_token";
  }
  if (error instanceof errors.JWKSNoMatchingKey) return "unknown_key";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
  if (error instanceof errors.JOSEAlgNotAllowed) return "algorithm_not_allowed";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return "keys_unavailable";
  // Not a verdict on the token (the key endpoint could not be reached): say so, do not blame it.
  if (!(error instanceof errors.JOSEError)) return "keys_unavailable";
  return "malformed_token";
}
