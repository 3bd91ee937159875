/**
 * The add-in's server with its meetings API, backed by the real BlueJeans client talking to the
 * emulator over HTTP, and a stand-in for Entra ID that publishes keys and signs tokens.
 */
import type { FastifyInstance } from "fastify";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { buildEmulator, DEFAULT_SEED } from "../../../dev/emulator";
import { createBlueJeansClient } from "../../../src/server/bluejeans";
import { buildApp } from "../../../src/server/app";
import { createTokenVerifier } from "../../../src/server/auth/verifyToken";

export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const CLIENT_ID = "6d2c1f9e-0b7a-4c55-9a7e-3f1b2c4d5e6f";

export interface ApiStack {
  app: FastifyInstance;
  emulatorUrl: string;
  logLines: string[];
  tokenFor(claims?: Record<string, unknown>, signWith?: CryptoKey): Promise<string>;
  strangerKey: CryptoKey;
  activeMeetings(): Promise<number>;
  close(): Promise<void>;
}

export async function startApiStack(): Promise<ApiStack> {
  const pair = await generateKeyPair("RS256");
  const strangerKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" };
  const keyServer = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => keyServer.listen(0, "127.0.0.1", resolve));
  const keysAt = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
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
    meetings: {
      verify: createTokenVerifier({
        audiences: [CLIENT_ID],
        allowedTenants: [TENANT],
        issuerTemplate: "https://login.microsoftonline.com/{tenant}/v2.0",
        jwksTemplate: `${keysAt}/{tenant}/keys`,
        requiredScope: "access_as_user",
      }),
      bluejeans: createBlueJeansClient({
        baseUrl: emulatorUrl,
        clientId: DEFAULT_SEED.clientId,
        clientSecret: DEFAULT_SEED.clientSecret,
        enterpriseId: DEFAULT_SEED.enterpriseId,
        timeoutMs: 2000,
        maxRetries: 1,
        sleep: async () => undefined,
      }),
    },
  });

  return {
    app,
    emulatorUrl,
    logLines,
    strangerKey,
    tokenFor: (claims = {}, signWith) =>
      new SignJWT({
        tid: TENANT,
        oid: "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
        preferred_username: "alex@contoso.example",
        name: "Alex Wilber",
        scp: "access_as_user",
        ...claims,
      })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuedAt()
        .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
        .setAudience(CLIENT_ID)
        .setExpirationTime("1h")
        .sign(signWith ?? pair.privateKey),
    activeMeetings: async () => {
      const state = (await (await fetch(`${emulatorUrl}/__emulator/state`)).json()) as {
        meetings: { active: number };
      };
      return state.meetings.active;
    },
    close: async () => {
      await app.close();
      await emulator.close();
      await new Promise<void>((resolve) => keyServer.close(() => resolve()));
    },
  };
}
