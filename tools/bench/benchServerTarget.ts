/**
 * The process `npm run bench` loads: the add-in server with its meetings API over plain HTTP on
 * loopback, calling the BlueJeans emulator at EMULATOR_URL. Prints one JSON line with its URL and
 * a user token signed by a local key set (standing in for Entra ID), then serves until killed.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { DEFAULT_SEED } from "../../dev/emulator";
import { createBlueJeansClient } from "../../src/server/bluejeans";
import { buildApp } from "../../src/server/app";
import { createTokenVerifier } from "../../src/server/auth/verifyToken";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT_ID = "6d2c1f9e-0b7a-4c55-9a7e-3f1b2c4d5e6f";

async function main(): Promise<void> {
  const emulatorUrl = process.env.EMULATOR_URL;
  if (!emulatorUrl) throw new Error("EMULATOR_URL is not set");
  const pair = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "bench", alg: "RS256" };
  const keys = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => keys.listen(0, "127.0.0.1", resolve));
  const app = await buildApp({
    staticRoot: __dirname,
    meetings: {
      verify: createTokenVerifier({
        audiences: [CLIENT_ID],
        allowedTenants: [TENANT],
        issuerTemplate: "https://login.microsoftonline.com/{tenant}/v2.0",
        jwksTemplate: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/{tenant}/keys`,
        requiredScope: "access_as_user",
      }),
      bluejeans: createBlueJeansClient({
        baseUrl: emulatorUrl,
        clientId: DEFAULT_SEED.clientId,
        clientSecret: DEFAULT_SEED.clientSecret,
        enterpriseId: DEFAULT_SEED.enterpriseId,
      }),
    },
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const token = await new SignJWT({
    tid: TENANT,
    oid: "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
    preferred_username: "alex@contoso.example",
    name: "Alex Wilber",
    scp: "access_as_user",
  })
    .setProtectedHeader({ alg: "RS256", kid: "bench" })
    .setIssuedAt()
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(CLIENT_ID)
    .setExpirationTime("2h")
    .sign(pair.privateKey);
  console.log(JSON.stringify({ url, token }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
