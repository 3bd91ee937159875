/**
 * Finding a person's organisation (tenant ID) from the domain of their e-mail address, through
 * the sign-in service's OpenID configuration document:
 *   https://{sign-in host}/{domain}/v2.0/.well-known/openid-configuration
 * whose `issuer` is https://{sign-in host}/{tenant ID}/v2.0. Pure: the caller does the fetch.
 */
import { CONSUMER_TENANT_ID, isDomainName, isGuid } from "./validate";

/** The domain of an e-mail address, lower-case; undefined when it is not a usable domain name. */
export function mailDomainOf(email: string | undefined): string | undefined {
  if (email === undefined) return undefined;
  const at = email.lastIndexOf("@");
  if (at <= 0) return undefined;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return isDomainName(domain) ? domain : undefined;
}

/** Where the domain's OpenID configuration is, under the cloud's sign-in base (https://host). */
export function openIdConfigurationUrl(authorityBase: string, domain: string): string {
  return `${authorityBase.replace(/\/+$/, "")}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`;
}

const ISSUER_PATH = /^\/([0-9a-fA-F-]{36})\/v2\.0\/?$/;

/**
 * The tenant ID the document names, or undefined. Only an issuer on the expected sign-in host,
 * with a tenant GUID as its path, counts; the personal-account tenant does not (no administrator).
 */
export function tenantFromOpenIdConfiguration(document: unknown, authorityBase: string): string | undefined {
  if (typeof document !== "object" || document === null) return undefined;
  const issuer = (document as { issuer?: unknown }).issuer;
  if (typeof issuer !== "string" || issuer.length > 300) return undefined;
  let url: URL;
  let expected: URL;
  try {
    url = new URL(issuer);
    expected = new URL(authorityBase);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" || url.protocol !== expected.protocol) return undefined;
  if (url.host.toLowerCase() !== expected.host.toLowerCase()) return undefined;
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") return undefined;
  // A base with a path (a local identity provider under /idp) prefixes the tenant segment.
  const prefix = expected.pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${prefix}/`)) return undefined;
  const match = ISSUER_PATH.exec(url.pathname.slice(prefix.length));
  const tenant = match?.[1]?.toLowerCase();
  if (tenant === undefined || !isGuid(tenant) || tenant === CONSUMER_TENANT_ID) return undefined;
  return tenant;
}
