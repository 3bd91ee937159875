/**
 * Checks shared by the config parser, the consent-link builder and the callback parser.
 * Each returns a short problem text (without the field name) or undefined when the value is fine,
 * so callers can prefix the field they were checking.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/** The tenant that personal Microsoft accounts sign in to: it has no administrator. */
export const CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** A fully qualified DNS name such as contoso.onmicrosoft.com (at least two labels, no port or path). */
export function isDomainName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split(".");
  if (labels.length < 2) return false;
  if (!labels.every((label) => DNS_LABEL.test(label))) return false;
  return TOP_LEVEL_LABEL.test(labels[labels.length - 1] ?? "");
}

export function guidProblem(value: string): string | undefined {
  return isGuid(value) ? undefined : "not a GUID";
}

/**
 * A tenant for a sign-in or admin-consent URL: a tenant ID (GUID) or a verified domain name, and
 * "organizations" where the caller allows it (any work or school tenant). "common" and "consumers"
 * are refused: admin consent needs one organisation, and personal accounts have no administrator.
 */
export function tenantProblem(value: string, options: { allowOrganizations: boolean }): string | undefined {
  const lower = value.toLowerCase();
  if (value.length === 0) return "empty";
  if (lower === "common") {
    return 'must not be "common": use the tenant ID, a verified domain name or "organizations"';
  }
  if (lower === "consumers" || lower === CONSUMER_TENANT_ID) {
    return "is the personal-account tenant, which has no administrator";
  }
  if (lower === "organizations") {
    return options.allowOrganizations
      ? undefined
      : 'must be a tenant ID or a domain name, not "organizations"';
  }
  if (isGuid(value) || isDomainName(value)) return undefined;
  return "not a tenant ID (GUID) or a domain name";
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1";
}

/**
 * An absolute URL that is safe to send people or tokens to: https, or http only on this machine
 * (a local test identity provider or dev server). No user name or password in it.
 */
export function secureUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not an absolute URL";
  }
  if (url.protocol === "http:") {
    if (!isLoopbackHost(url.hostname)) return "must use https (http only for localhost or 127.0.0.1)";
  } else if (url.protocol !== "https:") {
    return "must use https";
  }
  if (url.username !== "" || url.password !== "") return "must not contain a user name or password";
  if (url.hash !== "" || value.includes("#")) return "must not contain a fragment (#...)";
  return undefined;
}

/**
 * A redirect URI as the config holds it: a path on the add-in's own origin ("/consent-callback.html")
 * or an absolute secure URL. Protocol-relative paths ("//host") are refused: they leave the origin.
 */
export function redirectUriProblem(value: string): string | undefined {
  if (value.length === 0) return "empty";
  if (/\s/.test(value)) return "must not contain spaces";
  if (value.startsWith("/")) {
    if (value.startsWith("//") || value.includes("\\")) return "a path must stay on the add-in's origin";
    if (value.includes("#")) return "must not contain a fragment (#...)";
    return undefined;
  }
  return secureUrlProblem(value);
}

/** A host name with an optional port, as MSAL's knownAuthorities lists them ("localhost:8443"). */
export function hostProblem(value: string): string | undefined {
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return "not a host name (with an optional :port)";
  const [, host = "", port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return "port out of range";
  if (isLoopbackHost(host) || isDomainName(host)) return undefined;
  return "not a host name (with an optional :port)";
}

/** One OAuth scope: non-empty and without spaces, since scopes travel space-separated. */
export function scopeProblem(value: string): string | undefined {
  if (value.length === 0) return "empty";
  if (/\s/.test(value)) return "must not contain spaces (list each scope separately)";
  return undefined;
}
