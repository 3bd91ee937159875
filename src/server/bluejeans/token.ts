/**
 * The enterprise access token (client credentials grant). One token is shared by every call until
 * 60 s before it expires; callers that arrive while it is being fetched wait for the same request.
 * A call that gets a 401 invalidates exactly the token it used, so a token another caller just
 * fetched is not thrown away.
 */
import { badResponseError, errorForStatus, type CallContext } from "./errors";
import type { Http } from "./http";
import { ParseError, parseJson, parseToken, serverMessage, type TokenGrant } from "./parse";
import type { BlueJeansLogEvent } from "./types";

export interface TokenProvider {
  get(): Promise<string>;
  /** Forgets `token` if it is still the current one. */
  invalidate(token: string): void;
}

export interface TokenSettings {
  http: Http;
  clientId: string;
  clientSecret: string;
  now: () => number;
  log: (event: BlueJeansLogEvent) => void;
  redact: (text: string) => string;
  /** Told every token issued, so it can be redacted. */
  onToken: (token: string) => void;
}

/** Refresh this long before BlueJeans says the token expires. */
const REFRESH_MARGIN_S = 60;
/** When the answer does not say how long the token lives. */
const ASSUMED_LIFETIME_S = 300;

/** How long to use a token that lives `expiresIn` seconds: 60 s less, or half when that is short. */
export function usableMs(expiresIn: number | undefined): number {
  const lifetime = expiresIn ?? ASSUMED_LIFETIME_S;
  const usable = lifetime >= 2 * REFRESH_MARGIN_S ? lifetime - REFRESH_MARGIN_S : lifetime / 2;
  return Math.floor(usable * 1000);
}

export function createTokenProvider(settings: TokenSettings): TokenProvider {
  let current: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const ctx: CallContext = { what: "sign in", method: "POST", path: "/oauth2/token" };

  function readGrant(status: number, text: string): TokenGrant {
    try {
      return parseToken(parseJson(text));
    } catch (error) {
      if (error instanceof ParseError) throw badResponseError(ctx, status, error.message);
      throw error;
    }
  }

  async function fetchToken(): Promise<string> {
    settings.log({ event: "bluejeans.token.request" });
    // Retried like an idempotent call: a second token is harmless.
    const response = await settings.http({
      ctx,
      retry: "idempotent",
      body: {
        grant_type: "client_credentials",
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
      },
    });
    if (response.status < 200 || response.status >= 300) {
      const message = serverMessage(response.text);
      // The token endpoint answers a wrong client id or secret with 400 or 401.
      const status = response.status === 400 ? 401 : response.status;
      throw errorForStatus(ctx, status, message === undefined ? undefined : settings.redact(message));
    }
    const grant = readGrant(response.status, response.text);
    settings.onToken(grant.accessToken);
    current = { token: grant.accessToken, refreshAt: settings.now() + usableMs(grant.expiresIn) };
    settings.log({ event: "bluejeans.token.issued", expiresIn: grant.expiresIn ?? null });
    return grant.accessToken;
  }

  return {
    get() {
      if (current && settings.now() < current.refreshAt) return Promise.resolve(current.token);
      if (!inFlight) {
        inFlight = fetchToken().finally(() => {
          inFlight = undefined;
        });
      }
      return inFlight;
    },
    invalidate(token) {
      if (current?.token === token) {
        current = undefined;
        settings.log({ event: "bluejeans.token.invalidated" });
      }
    },
  };
}
