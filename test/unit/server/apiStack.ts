/**
 * The add-in's server with its meetings API, wired as production wires it (createMeetingsDeps),
 * backed by the real BlueJeans client talking to the emulator over HTTP, and the test issuer
 * standing in for Entra ID.
 */
import type { FastifyInstance } from "fastify";
import { Writable } from "node:stream";
import type { CryptoKey } from "jose";
import { buildEmulator, DEFAULT_SEED } from "../../../dev/emulator";
import { startTestIssuer, TEST_CLIENT_ID, TEST_TENANT, type TestIssuer } from "../../../dev/testIssuer";
import { buildApp } from "../../../src/server/app";
import { createMeetingsDeps } from "../../../src/server/wiring";

export const TENANT = TEST_TENANT;
export const CLIENT_ID = TEST_CLIENT_ID;

export interface ApiStack {
  app: FastifyInstance;
  emulatorUrl: string;
  issuer: TestIssuer;
  logLines: string[];
  tokenFor(claims?: Record<string, unknown>, signWith?: CryptoKey): Promise<string>;
  strangerKey: CryptoKey;
  activeMeetings(): Promise<number>;
  close(): Promise<void>;
}

export async function startApiStack(): Promise<ApiStack> {
  const issuer = await startTestIssuer();
  const emulator = await buildEmulator();
  const emulatorUrl = await emulator.listen({ port: 0, host: "127.0.0.1" });
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({
    staticRoot: __dirname,
    logger: { level: "trace", stream, redact: ["req.headers.authorization"] },
    meetings: createMeetingsDeps({
      addinClientId: CLIENT_ID,
      addinOrigin: "https://localhost:3000",
      allowedTenants: [TENANT],
      issuerTemplate: issuer.issuerTemplate,
      jwksTemplate: issuer.jwksTemplate,
      bluejeans: {
        baseUrl: emulatorUrl,
        clientId: DEFAULT_SEED.clientId,
        clientSecret: DEFAULT_SEED.clientSecret,
        enterpriseId: DEFAULT_SEED.enterpriseId,
        timeoutMs: 2000,
        maxRetries: 1,
        sleep: async () => undefined,
      },
    }),
  });

  return {
    app,
    emulatorUrl,
    issuer,
    logLines,
    strangerKey: issuer.strangerKey,
    tokenFor: (claims, signWith) =>
      issuer.mint({ ...(claims ? { claims } : {}), ...(signWith ? { key: signWith } : {}) }),
    activeMeetings: async () => {
      const state = (await (await fetch(`${emulatorUrl}/__emulator/state`)).json()) as {
        meetings: { active: number };
      };
      return state.meetings.active;
    },
    close: async () => {
      await app.close();
      await emulator.close();
      await issuer.close();
    },
  };
}
