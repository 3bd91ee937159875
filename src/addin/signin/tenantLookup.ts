/**
 * Looks up the organisation of an e-mail domain at the configured cloud's sign-in service (see
 * shared/consent/tenantDiscovery.ts), remembering each answer per cloud and domain so a domain is
 * asked about once, not on every opening. A failure never throws: there is simply no tenant.
 */
import type { StorageLike } from "../../shared/consent/adminConsentUrl";
import { openIdConfigurationUrl, tenantFromOpenIdConfiguration } from "../../shared/consent/tenantDiscovery";

export const TENANT_CACHE_KEY = "bluejeans.tenantByDomain";
const FOUND_TTL_MS = 30 * 24 * 3600 * 1000;
const NOT_FOUND_TTL_MS = 24 * 3600 * 1000;
const MAX_ENTRIES = 20;
const MAX_DOCUMENT_CHARS = 64 * 1024;

type Cache = Record<string, { tenant: string | null; expiresAt: number }>;

export interface TenantLookupDeps {
  fetch?: (url: string, init: RequestInit) => Promise<Pick<Response, "ok" | "status" | "text">>;
  storage?: StorageLike;
  now?: () => number;
}

function readCache(storage: StorageLike | undefined): Cache {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(TENANT_CACHE_KEY) ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return {};
    const cache: Cache = {};
    for (const [key, entry] of Object.entries(parsed)) {
      const { tenant, expiresAt } = (entry ?? {}) as { tenant?: unknown; expiresAt?: unknown };
      if ((typeof tenant === "string" || tenant === null) && typeof expiresAt === "number") {
        cache[key] = { tenant, expiresAt };
      }
    }
    return cache;
  } catch {
    return {};
  }
}

function remember(storage: StorageLike | undefined, key: string, tenant: string | null, now: number): void {
  if (!storage) return;
  const live = Object.entries(readCache(storage))
    .filter(([k, entry]) => k !== key && entry.expiresAt > now)
    .sort(([, a], [, b]) => a.expiresAt - b.expiresAt)
    .slice(-(MAX_ENTRIES - 1));
  const expiresAt = now + (tenant === null ? NOT_FOUND_TTL_MS : FOUND_TTL_MS);
  try {
    storage.setItem(
      TENANT_CACHE_KEY,
      JSON.stringify({ ...Object.fromEntries(live), [key]: { tenant, expiresAt } }),
    );
  } catch {
    // Storage full or blocked: the answer is simply not remembered.
  }
}

/** The tenant ID of the domain, or undefined when it has none (or the lookup failed). */
export async function lookupTenant(
  authorityBase: string,
  domain: string,
  deps: TenantLookupDeps = {},
): Promise<string | undefined> {
  const now = (deps.now ?? Date.now)();
  const key = `${authorityBase.toLowerCase()}|${domain.toLowerCase()}`;
  const cached = readCache(deps.storage)[key];
  if (cached && cached.expiresAt > now) return cached.tenant ?? undefined;

  const fetchFn = deps.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  let response: Awaited<ReturnType<typeof fetchFn>>;
  let text: string;
  try {
    response = await fetchFn(openIdConfigurationUrl(authorityBase, domain), {
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
    text = await response.text();
  } catch {
    return undefined; // offline or blocked: try again next time
  }
  if (!response.ok) {
    // 400 is the service's "no such organisation"; anything else may pass, so it is not remembered.
    if (response.status === 400 || response.status === 404) remember(deps.storage, key, null, now);
    return undefined;
  }
  let document: unknown;
  try {
    document = text.length > MAX_DOCUMENT_CHARS ? undefined : JSON.parse(text);
  } catch {
    document = undefined;
  }
  const tenant = tenantFromOpenIdConfiguration(document, authorityBase);
  remember(deps.storage, key, tenant ?? null, now);
  return tenant;
}
