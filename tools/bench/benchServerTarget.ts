/**
 * The process `npm run bench` loads: the add-in server with its meetings API over plain HTTP on
 * loopback, calling the BlueJeans emulator at EMULATOR_URL. Prints one JSON line with its URL and
 * a user token from the test issuer (standing in for Entra ID), then serves until killed.
 */
import { startTestIssuer, TEST_CLIENT_ID, TEST_TENANT } from "../../dev/testIssuer";
import { DEFAULT_SEED } from "../../dev/emulator";
import { buildApp } from "../../src/server/app";
import { createMeetingsDeps } from "../../src/server/wiring";

async function main(): Promise<void> {
  const emulatorUrl = process.env.EMULATOR_URL;
  if (!emulatorUrl) throw new Error("EMULATOR_URL is not set");
  const issuer = await startTestIssuer();
  const app = await buildApp({
    staticRoot: __dirname,
    meetings: createMeetingsDeps({
      addinClientId: TEST_CLIENT_ID,
      addinOrigin: "https://127.0.0.1",
      allowedTenants: [TEST_TENANT],
      issuerTemplate: issuer.issuerTemplate,
      jwksTemplate: issuer.jwksTemplate,
      bluejeans: {
        baseUrl: emulatorUrl,
        clientId: DEFAULT_SEED.clientId,
        clientSecret: DEFAULT_SEED.clientSecret,
        enterpriseId: DEFAULT_SEED.enterpriseId,
      },
    }),
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const token = await issuer.mint({ expiresIn: "2h" });
  console.log(JSON.stringify({ url, token }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
