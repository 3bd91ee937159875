/**
 * MSAL settings for the add-in: Microsoft's sign-in service by default, or a local OpenID Connect
 * identity provider (development and tests) when the configuration names its own authority.
 */
import { BrowserCacheLocation, ProtocolMode, type Configuration } from "@azure/msal-browser";
import { absoluteRedirectUri, msalAuthorityFor, type AddinConfig } from "../../shared/consent/config";

/**
 * How long MSAL waits for the sign-in window's answer with a local identity provider. A person
 * who closes the window is only noticed when this runs out (see below), so tests keep it short;
 * Microsoft's sign-in keeps MSAL's default (60 s) for people who need time for a second factor.
 */
export const LOCAL_POPUP_TIMEOUT_MS = 10_000;
const IFRAME_TIMEOUT_MS = 10_000;

export interface MsalEnvironment {
  /** The add-in's origin, for redirect URIs given as paths. */
  origin: string;
}

/** True when sign-in goes to a configured authority instead of Microsoft's cloud host. */
export function usesLocalAuthority(config: Pick<AddinConfig, "authority">): boolean {
  return config.authority !== undefined;
}

/**
 * The discovery document of an Entra-shaped authority ({base}/{tenant}), given inline so MSAL
 * makes no discovery request and accepts tenant paths on a host it does not know.
 */
export function authorityMetadataFor(authority: string): string {
  const base = authority.replace(/\/+$/, "");
  return JSON.stringify({
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment"],
    response_types_supported: ["code"],
  });
}

export function msalConfiguration(config: AddinConfig, env: MsalEnvironment): Configuration {
  const authority = msalAuthorityFor(config);
  const redirectUri = absoluteRedirectUri(config.redirectUri, env.origin);
  // The pane, the sign-in dialog and later pane sessions share one token cache.
  const cache = { cacheLocation: BrowserCacheLocation.LocalStorage };

  if (!usesLocalAuthority(config)) {
    return { auth: { clientId: config.clientId, authority, redirectUri }, cache };
  }
  return {
    auth: {
      clientId: config.clientId,
      authority,
      redirectUri,
      knownAuthorities: config.knownAuthorities ?? [new URL(authority).host],
      authorityMetadata: authorityMetadataFor(authority),
      // A generic OpenID provider answers in the query string (the redirect bridge reads both).
      OIDCOptions: { responseMode: "query", defaultScopes: ["openid", "profile", "offline_access"] },
    },
    cache,
    system: {
      protocolMode: ProtocolMode.OIDC,
      // The answer comes back through the redirect bridge (auth-redirect.html), not by polling the
      // window: the add-in's pages send Cross-Origin-Opener-Policy: same-origin, which cuts a
      // popup off from its opener once it visits the identity provider, so polling would report
      // "user_cancelled" at once. The bridge cannot see a closed window either: that shows as
      // timed_out after popupBridgeTimeout, which the classification calls "cancelled" too.
      popupBridgeTimeout: LOCAL_POPUP_TIMEOUT_MS,
      iframeBridgeTimeout: IFRAME_TIMEOUT_MS,
    },
  };
}
