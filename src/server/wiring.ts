/**
 * The one place the meetings API's dependencies are built: the token verifier and the BlueJeans
 * client. Production (main.ts), the dev stack, the bench and the tests all call this, so what
 * they run is what ships; they differ only in the settings they pass.
 */
import type { FetchImplementation } from "jose";
import { createTokenVerifier } from "./auth/verifyToken";
import { createBlueJeansClient, type BlueJeansClientOptions } from "./bluejeans";
import type { MeetingsDeps, RateLimits } from "./routes/meetings";
import { createMemoryStore, type SharedStore } from "./store";
import type { RedisStore } from "./store/redis";

export interface MeetingsWiring {
  /** The add-in's Entra app (client) ID: the tokens' audience. */
  addinClientId: string;
  /** Where the add-in is served; its host is part of the API's Application ID URI. */
  addinOrigin: string;
  allowedTenants: string[] | "*";
  /** `{tenant}` is replaced by the token's tenant ID. */
  issuerTemplate: string;
  jwksTemplate: string;
  /** How signing keys are fetched (the dev stack trusts its local certificate). */
  fetchKeys?: FetchImplementation;
  bluejeans: BlueJeansClientOptions;
  /**
   * Idempotency records and counters: a Redis store when several instances share the work
   * (REDIS_URL), else memory, for one instance. Default memory.
   */
  store?: SharedStore | RedisStore;
  rateLimits?: Partial<RateLimits>;
  /** New tenants whose signing keys may be fetched per minute (ALLOWED_TENANTS=*). */
  newTenantsPerMinute?: number;
  newTenantsPerAddressPerMinute?: number;
  /** Test clocks; production leaves them at their defaults. */
  tuning?: Pick<MeetingsDeps, "idempotencyTtlMs" | "now">;
}

/** The delegated scope the pane asks for and every API token must carry. */
export const API_SCOPE = "access_as_user";

/** The API's accepted audiences: its client ID and its Application ID URI. */
export function apiAudiences(addinClientId: string, addinOrigin: string): string[] {
  return [addinClientId, `api://${new URL(addinOrigin).host}/${addinClientId}`];
}

const isRedisStore = (store: SharedStore): store is RedisStore => "client" in store;

export function createMeetingsDeps(wiring: MeetingsWiring): MeetingsDeps {
  const store = wiring.store ?? createMemoryStore();
  return {
    verify: createTokenVerifier({
      audiences: apiAudiences(wiring.addinClientId, wiring.addinOrigin),
      allowedTenants: wiring.allowedTenants,
      issuerTemplate: wiring.issuerTemplate,
      jwksTemplate: wiring.jwksTemplate,
      requiredScope: API_SCOPE,
      ...(wiring.fetchKeys ? { fetchKeys: wiring.fetchKeys } : {}),
      ...(wiring.newTenantsPerMinute ? { newTenantsPerMinute: wiring.newTenantsPerMinute } : {}),
      ...(wiring.newTenantsPerAddressPerMinute
        ? { newTenantsPerAddressPerMinute: wiring.newTenantsPerAddressPerMinute }
        : {}),
      counters: store,
    }),
    bluejeans: createBlueJeansClient(wiring.bluejeans),
    store,
    ...(isRedisStore(store) ? { redis: store.client } : {}),
    ...(wiring.rateLimits ? { rateLimits: wiring.rateLimits } : {}),
    ...wiring.tuning,
  };
}
