/**
 * The one place the meetings API's dependencies are built: the token verifier and the BlueJeans
 * client. Production (main.ts), the dev stack, the bench and the tests all call this, so what
 * they run is what ships; they differ only in the settings they pass.
 */
import type { FetchImplementation } from "jose";
import { createTokenVerifier } from "./auth/verifyToken";
import { createBlueJeansClient, type BlueJeansClientOptions } from "./bluejeans";
import type { MeetingsDeps } from "./routes/meetings";

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
  /** Test clocks and limits; production leaves them at their defaults. */
  tuning?: Pick<MeetingsDeps, "idempotencyTtlMs" | "idempotencyMaxEntries" | "now">;
}

/** The delegated scope the pane asks for and every API token must carry. */
export const API_SCOPE = "access_as_user";

/** The API's accepted audiences: its client ID and its Application ID URI. */
export function apiAudiences(addinClientId: string, addinOrigin: string): string[] {
  return [addinClientId, `api://${new URL(addinOrigin).host}/${addinClientId}`];
}

export function createMeetingsDeps(wiring: MeetingsWiring): MeetingsDeps {
  return {
    verify: createTokenVerifier({
      audiences: apiAudiences(wiring.addinClientId, wiring.addinOrigin),
      allowedTenants: wiring.allowedTenants,
      issuerTemplate: wiring.issuerTemplate,
      jwksTemplate: wiring.jwksTemplate,
      requiredScope: API_SCOPE,
      ...(wiring.fetchKeys ? { fetchKeys: wiring.fetchKeys } : {}),
    }),
    bluejeans: createBlueJeansClient(wiring.bluejeans),
    ...wiring.tuning,
  };
}
