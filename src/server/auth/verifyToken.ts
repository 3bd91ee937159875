/**
 * Verifies the bearer token of every API request: signature against the tenant's published
 * keys, issuer, audience, lifetime, algorithm and scope. Nothing is done for a request that
 * fails any check; the reason code says which.
 *
 * Fetching a tenant's keys is work a stranger can ask for by naming a new tenant in a token
 * (with ALLOWED_TENANTS=*), so it is bounded: a tenant whose keys could not be fetched is not
 * tried again for a while, new tenants are limited per minute (in all and per client address),
 * and a tenant whose tokens verified recently is never dropped to make room for a new one.
 *
 * The person is named by `upn`, else `preferred_username`. `upn` is the user principal name,
 * which Entra lets a tenant set only on a domain it has verified; `preferred_username` is
 * changeable by the tenant, which is why only trusted tenants should be allowed (README). The
 * optional `email` claim is never used: a tenant's admin can put any address there. The
 * personal-accounts tenant is always refused.
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
import { createMemoryStore, type SharedStore } from "../store";

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
  | "keys_unavailable"
  /** Too many new tenants to fetch keys for right now (ALLOWED_TENANTS=*). */
  | "too_many_tenants";

/** The person the token names; the server acts for this user only. */
export interface TokenUser {
  tenantId: string;
  objectId: string;
  /** The user principal name (`upn`, else `preferred_username`), lower case: the BlueJeans account's e-mail address. */
  email: string;
  name: string;
}

export type VerifyResult = { ok: true; user: TokenUser } | { ok: false; reason: TokenRejection };

export type TokenVerifier = (
  authorization: string | undefined,
  context?: { clientAddress?: string },
) => Promise<VerifyResult>;

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
  /** How many tenants' key sets are kept; the least recently used is dropped beyond it. */
  maxCachedTenants?: number;
  /** New tenants whose keys may be fetched per minute, in all and per client address. */
  newTenantsPerMinute?: number;
  newTenantsPerAddressPerMinute?: number;
  /** How long a tenant whose keys could not be fetched is not tried again. Default 60 s. */
  failedTenantMemoryMs?: number;
  /** A tenant with a token verified this recently keeps its key set. Default 1 h. */
  recentTenantMs?: number;
  /** Where the new-tenant counters live (Redis with several instances). Default memory. */
  counters?: SharedStore;
  now?: () => number;
  /** How many verified tokens are remembered until they expire. */
  maxCachedTokens?: number;
  /** Longest a verified token is remembered without being verified again. Default 5 min. */
  maxTokenCacheMs?: number;
  /** How the key sets are fetched; the dev stack passes one that trusts its local certificate. */
  fetchKeys?: FetchImplementation;
  /** Least time between two fetches of one tenant's keys (an unknown key id triggers one). */
  keyRefreshCooldownMs?: number;
}

/**
 * The tenant of personal Microsoft accounts (outlook.com, hotmail.com): anyone can make an account
 * there with any name, so its tokens are refused whatever ALLOWED_TENANTS says.
 */
export const CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type KeySet = ReturnType<typeof createRemoteJWKSet>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const algorithms = options.algorithms ?? ["RS256"];
  const now = options.now ?? Date.now;
  const perf = { now };
  const keySets = new LRUCache<string, { keys: KeySet; verifiedAt: number }>({
    max: options.maxCachedTenants ?? 100,
    perf,
    ttlResolution: 0,
  });
  const failedTenants = new LRUCache<string, true>({
    max: 10_000,
    ttl: options.failedTenantMemoryMs ?? 60_000,
    perf,
    ttlResolution: 0,
  });
  const counters = options.counters ?? createMemoryStore({ maxEntries: 10_000, now });
  const recentMs = options.recentTenantMs ?? 3600_000;
  const limited = options.allowedTenants === "*";

  // jose fetches the set once, caches it, and refetches when a token names an unknown key id.
  const newKeySet = (tenant: string) =>
    createRemoteJWKSet(new URL(options.jwksTemplate.replace("{tenant}", tenant)), {
      timeoutDuration: 5000,
      cooldownDuration: options.keyRefreshCooldownMs ?? 30_000,
      cacheMaxAge: 24 * 3600_000,
      ...(options.fetchKeys ? { [customFetch]: options.fetchKeys } : {}),
    });

  /** The tenant's key set, fetching it first for a tenant not seen before, within the limits. */
  async function keySetFor(
    tid: string,
    clientAddress: string,
  ): Promise<{ keys: KeySet; verifiedAt: number } | TokenRejection> {
    const tenant = tid.toLowerCase();
    const known = keySets.get(tenant);
    if (known) return known;
    if (failedTenants.has(tenant)) return "keys_unavailable";
    if (limited) {
      // Full of tenants that are in use: the newcomer waits rather than evicting one of them.
      const oldest = keySets.rkeys().next();
      if (!oldest.done && keySets.size >= keySets.max) {
        const entry = keySets.peek(oldest.value);
        if (entry && now() - entry.verifiedAt < recentMs) return "too_many_tenants";
      }
      try {
        // Per address first, so one address over its share does not use up everyone's.
        const mine = await counters.increment(`tenants:new:${clientAddress}`, 60_000);
        if (mine > (options.newTenantsPerAddressPerMinute ?? 5)) return "too_many_tenants";
        const all = await counters.increment("tenants:new", 60_000);
        if (all > (options.newTenantsPerMinute ?? 30)) return "too_many_tenants";
      } catch {
        // The counters are shared and unreachable: no new tenants until they are back.
        return "too_many_tenants";
      }
    }
    const entry = { keys: newKeySet(tid), verifiedAt: 0 };
    try {
      await entry.keys.reload();
    } catch {
      failedTenants.set(tenant, true);
      return "keys_unavailable";
    }
    keySets.set(tenant, entry);
    return entry;
  }

  // A token already verified is not verified again until it expires or for at most a few
  // minutes, whichever is sooner (so a key taken out of the tenant's set stops being trusted
  // soon): the pane sends the same one with every request. Bounded; only successes are kept.
  const verified = new LRUCache<string, { user: TokenUser; expiresAt: number }>({
    max: options.maxCachedTokens ?? 10_000,
  });
  const maxCacheMs = options.maxTokenCacheMs ?? 5 * 60_000;

  return async (authorization, context = {}) => {
    if (!authorization) return { ok: false, reason: "missing_token" };
    // The scheme is case-insensitive (RFC 9110); the token is base64url in three parts.
    const match = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization);
    if (!match) return { ok: false, reason: "malformed_token" };
    const token = match[1]!;
    const known = verified.get(token);
    if (known) {
      if (known.expiresAt > now()) return { ok: true, user: known.user };
      verified.delete(token);
    }

    let tid: string;
    try {
      const header = decodeProtectedHeader(token);
      if (typeof header.alg !== "string" || !algorithms.includes(header.alg)) {
        return { ok: false, reason: "algorithm_not_allowed" };
      }
      const claims = decodeJwt(token);
      tid = typeof claims.tid === "string" ? claims.tid : "";
    } catch {
      return { ok: false, reason: "malformed_token" };
    }
    // Checked before any key fetch, so a token cannot make the server fetch arbitrary URLs.
    if (!GUID.test(tid)) return { ok: false, reason: "malformed_token" };
    const tenant = tid.toLowerCase();
    if (tenant === CONSUMER_TENANT) return { ok: false, reason: "tenant_not_allowed" };
    if (options.allowedTenants !== "*" && !options.allowedTenants.includes(tenant)) {
      return { ok: false, reason: "tenant_not_allowed" };
    }

    const keySet = await keySetFor(tid, context.clientAddress ?? "unknown");
    if (typeof keySet === "string") return { ok: false, reason: keySet };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet.keys, {
        algorithms,
        issuer: options.issuerTemplate.replace("{tenant}", tid),
        audience: options.audiences,
        clockTolerance: options.clockToleranceSeconds ?? 60,
        currentDate: new Date(now()),
        requiredClaims: ["exp", "iat"],
      }));
    } catch (error) {
      return { ok: false, reason: rejectionFor(error) };
    }

    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(options.requiredScope)) return { ok: false, reason: "missing_scope" };
    // Never the `email` claim: see the top of this file.
    const account = [payload.upn, payload.preferred_username].find(
      (v): v is string => typeof v === "string" && /^[^\s@]+@[^\s@]+$/.test(v),
    );
    if (typeof payload.oid !== "string" || !account) return { ok: false, reason: "missing_user" };
    keySet.verifiedAt = now();
    const user: TokenUser = {
      tenantId: tenant,
      objectId: payload.oid,
      email: account.toLowerCase(),
      name: typeof payload.name === "string" ? payload.name : account,
    };
    verified.set(token, { user, expiresAt: Math.min((payload.exp as number) * 1000, now() + maxCacheMs) });
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
