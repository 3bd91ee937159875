/**
 * Admin-consent links (Entra ID v2 endpoint), the tenant they point at, and the one-time `state`
 * that lets the callback page tell its own links from forged or replayed ones.
 */
import { absoluteRedirectUri, authorityBaseFor, isAppConfigured } from "./config";
import type { AddinConfig, ConsentApp } from "./config";
import {
  CONSUMER_TENANT_ID,
  guidProblem,
  hostProblem,
  redirectUriProblem,
  scopeProblem,
  secureUrlProblem,
  tenantProblem,
} from "./validate";

/** A value that cannot go into an admin-consent link; `field` names the input. */
export class ConsentInputError extends Error {
  override readonly name = "ConsentInputError";
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export interface AdminConsentUrlInput {
  /** e.g. login.microsoftonline.com; give this or authorityBase. */
  signInHost?: string;
  /** e.g. https://localhost:8443 for a test identity provider; the tenant is appended. */
  authorityBase?: string;
  /** Tenant ID, verified domain, or "organizations". Never "common". */
  tenant: string;
  clientId: string;
  scopes: readonly string[];
  /** Absolute; must be registered on the app. */
  redirectUri: string;
  state: string;
}

function fail(field: string, problem: string | undefined): void {
  if (problem !== undefined) throw new ConsentInputError(field, problem);
}

function baseUrl(input: AdminConsentUrlInput): string {
  const { signInHost, authorityBase } = input;
  if ((signInHost === undefined) === (authorityBase === undefined)) {
    throw new ConsentInputError("signInHost", "give either signInHost or authorityBase");
  }
  if (signInHost !== undefined) {
    fail("signInHost", hostProblem(signInHost));
    return `https://${signInHost}`;
  }
  const base = authorityBase ?? "";
  fail("authorityBase", secureUrlProblem(base));
  const url = new URL(base);
  fail("authorityBase", url.search !== "" ? "must not contain a query" : undefined);
  return base.replace(/\/+$/, "");
}

/**
 * https://{host}/{tenant}/v2.0/adminconsent?client_id=…&scope=…&redirect_uri=…&state=…
 * Throws ConsentInputError for any value that would make a wrong or unsafe link.
 */
export function adminConsentUrl(input: AdminConsentUrlInput): string {
  const base = baseUrl(input);
  fail("tenant", tenantProblem(input.tenant, { allowOrganizations: true }));
  fail("clientId", guidProblem(input.clientId));
  fail("scopes", input.scopes.length === 0 ? "must list at least one scope" : undefined);
  input.scopes.forEach((scope, i) => fail(`scopes[${i}]`, scopeProblem(scope)));
  fail(
    "redirectUri",
    input.redirectUri.startsWith("/") ? "must be absolute" : redirectUriProblem(input.redirectUri),
  );
  fail("state", input.state.length === 0 ? "empty" : undefined);

  const query = [
    ["client_id", input.clientId],
    ["scope", input.scopes.join(" ")],
    ["redirect_uri", input.redirectUri],
    ["state", input.state],
  ]
    .map(([key = "", value = ""]) => `${key}=${encodeURIComponent(value)}`)
    .join("&");
  return `${base}/${encodeURIComponent(input.tenant)}/v2.0/adminconsent?${query}`;
}

/** The same as adminConsentUrl, as a value instead of an exception. */
export function tryAdminConsentUrl(
  input: AdminConsentUrlInput,
): { ok: true; url: string } | { ok: false; field: string; problem: string } {
  try {
    return { ok: true, url: adminConsentUrl(input) };
  } catch (error) {
    if (error instanceof ConsentInputError) return { ok: false, field: error.field, problem: error.problem };
    throw error;
  }
}

export interface TenantHints {
  /** Office.auth.getAuthContext().tenantId (NestedAppAuth 1.1). */
  officeAuthContextTenantId?: string;
  /** MSAL AccountInfo.tenantId. */
  accountTenantId?: string;
  /** The `tid` claim of the ID token. */
  idTokenTid?: string;
  /** Office.context.mailbox.userProfile.accountType. */
  accountType?: string;
}

export type TenantChoice =
  | { kind: "tenant"; tenant: string; source: "officeAuthContext" | "account" | "idToken" | "default" }
  | { kind: "personal" };

/** Mailbox account types with no Entra organisation behind them, so no administrator to consent. */
const PERSONAL_ACCOUNT_TYPES = new Set(["outlookcom", "gmail"]);

/**
 * The tenant for admin-consent links: Office's auth context first, then the signed-in account,
 * then "organizations" (Entra asks the admin to sign in and uses their tenant). A hint that is
 * not a valid tenant is skipped rather than trusted.
 */
export function tenantFor(hints: TenantHints): TenantChoice {
  if (hints.accountType !== undefined && PERSONAL_ACCOUNT_TYPES.has(hints.accountType.toLowerCase())) {
    return { kind: "personal" };
  }
  const candidates = [
    [hints.officeAuthContextTenantId, "officeAuthContext"],
    [hints.accountTenantId, "account"],
    [hints.idTokenTid, "idToken"],
  ] as const;
  for (const [tenant, source] of candidates) {
    if (tenant === undefined || tenant === "") continue;
    if (tenant.toLowerCase() === CONSUMER_TENANT_ID) return { kind: "personal" };
    if (tenantProblem(tenant, { allowOrganizations: false }) === undefined)
      return { kind: "tenant", tenant, source };
  }
  return { kind: "tenant", tenant: "organizations", source: "default" };
}

// ---- state ---------------------------------------------------------------------------------

const STATE_BYTES = 32; // 256 bits, well over the 128 needed to be unguessable
const STATE_FORMAT = /^[A-Za-z0-9_-]{22,128}$/;
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export type RandomFill = (bytes: Uint8Array) => Uint8Array;

function base64url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += BASE64URL[(chunk >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** A fresh unguessable state value (base64url, no padding). */
export function newConsentState(
  fill: RandomFill = (bytes) => globalThis.crypto.getRandomValues(bytes),
): string {
  return base64url(fill(new Uint8Array(STATE_BYTES)));
}

/** The part of the Web Storage API the state store needs (sessionStorage or localStorage). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ConsentStateStore {
  /** Remembers a new state for this app and returns it for the link. */
  issue(appId: string): string;
  /** The app a state was issued for, once: unknown, expired and already used states give undefined. */
  take(state: string): { appId: string } | undefined;
}

export interface ConsentStateStoreOptions {
  ttlMs?: number;
  now?: () => number;
  fill?: RandomFill;
  storageKey?: string;
  /** Oldest entries are dropped beyond this, so a page that keeps making links cannot fill storage. */
  maxEntries?: number;
}

type StoredStates = Record<string, { appId: string; expiresAt: number }>;

function readStates(storage: StorageLike, key: string): StoredStates {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(key) ?? "{}");
  } catch {
    return {}; // damaged entry: start again rather than fail every callback
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const states: StoredStates = {};
  for (const [state, entry] of Object.entries(parsed)) {
    if (typeof entry !== "object" || entry === null) continue;
    const { appId, expiresAt } = entry as { appId?: unknown; expiresAt?: unknown };
    if (typeof appId === "string" && typeof expiresAt === "number") states[state] = { appId, expiresAt };
  }
  return states;
}

export function createConsentStateStore(
  storage: StorageLike,
  options: ConsentStateStoreOptions = {},
): ConsentStateStore {
  const ttlMs = options.ttlMs ?? 15 * 60 * 1000;
  const now = options.now ?? Date.now;
  const key = options.storageKey ?? "bluejeans.consent.states";
  const maxEntries = options.maxEntries ?? 20;

  const write = (states: StoredStates) => {
    if (Object.keys(states).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(states));
  };

  return {
    issue(appId) {
      const time = now();
      const live = Object.entries(readStates(storage, key))
        .filter(([, entry]) => entry.expiresAt > time)
        .sort(([, a], [, b]) => a.expiresAt - b.expiresAt);
      const kept = live.slice(Math.max(0, live.length - (maxEntries - 1)));
      const state = newConsentState(options.fill);
      write({ ...Object.fromEntries(kept), [state]: { appId, expiresAt: time + ttlMs } });
      return state;
    },
    take(state) {
      if (!STATE_FORMAT.test(state)) return undefined;
      const states = readStates(storage, key);
      const entry = Object.prototype.hasOwnProperty.call(states, state) ? states[state] : undefined;
      if (entry === undefined) return undefined;
      delete states[state];
      write(states);
      return entry.expiresAt > now() ? { appId: entry.appId } : undefined;
    },
  };
}

// ---- links for the configured apps ---------------------------------------------------------

export type AppConsentLink = { app: ConsentApp; url: string } | { app: ConsentApp; notConfigured: true };

/**
 * One admin-consent link per BlueJeans app (each client ID needs its own consent). Apps without a
 * client ID are reported as not configured and never linked.
 */
export function adminConsentLinks(
  config: AddinConfig,
  options: { tenant: string; origin: string; store: ConsentStateStore },
): AppConsentLink[] {
  const base = authorityBaseFor(config);
  return config.apps.map((app): AppConsentLink => {
    if (!isAppConfigured(app)) return { app, notConfigured: true };
    const url = adminConsentUrl({
      authorityBase: base,
      tenant: options.tenant,
      clientId: app.clientId,
      scopes: app.scopes,
      redirectUri: absoluteRedirectUri(app.redirectUri, options.origin),
      state: options.store.issue(app.id),
    });
    return { app, url };
  });
}
