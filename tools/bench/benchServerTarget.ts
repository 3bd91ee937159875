/**
 * The processes `npm run bench` loads, calling the BlueJeans emulator at EMULATOR_URL over plain
 * HTTP on loopback. Prints one JSON line with its URL and a user token, then serves until killed.
 *
 * - BENCH_TARGET=server (default): the add-in's server with its meetings API, wired as production
 *   wires it, every check on (token, rate limits, schemas, idempotency, logging at info to
 *   /dev/null), a user token from the test issuer standing in for Entra ID. The rate limit per
 *   user is raised so the one bench user is not refused.
 * - BENCH_TARGET=passthrough: the physical floor the server is compared with: one Fastify route
 *   that forwards the create to the emulator with a cached BlueJeans token and checks nothing,
 *   through the same HTTP client the server uses (undici's request over keep-alive connections),
 *   so the ratio measures the server's own work and not a slower client's.
 *   Bench only: it exists to measure the server's own cost.
 */
import Fastify from "fastify";
import { Agent } from "undici";
import { DEFAULT_SEED, emulatorAccessToken } from "../../dev/emulator";
import { startTestIssuer, TEST_CLIENT_ID, TEST_TENANT } from "../../dev/testIssuer";
import { buildApp, logDestination, LOG_REDACT } from "../../src/server/app";
import { createMeetingsDeps } from "../../src/server/wiring";

async function server(emulatorUrl: string): Promise<{ url: string; token: string }> {
  const issuer = await startTestIssuer();
  const app = await buildApp({
    staticRoot: __dirname,
    // As production logs (main.ts), through the same destination, to /dev/null instead of stdout.
    logger: { level: "info", redact: LOG_REDACT, stream: logDestination("/dev/null") },
    meetings: createMeetingsDeps({
      addinClientId: TEST_CLIENT_ID,
      addinOrigin: "https://127.0.0.1",
      allowedTenants: [TEST_TENANT],
      issuerTemplate: issuer.issuerTemplate,
      jwksTemplate: issuer.jwksTemplate,
      rateLimits: { perUserPerMinute: 1e9 },
      bluejeans: {
        baseUrl: emulatorUrl,
        clientId: DEFAULT_SEED.clientId,
        clientSecret: DEFAULT_SEED.clientSecret,
        enterpriseId: DEFAULT_SEED.enterpriseId,
      },
    }),
  });
  return {
    url: await app.listen({ port: 0, host: "127.0.0.1" }),
    token: await issuer.mint({ expiresIn: "2h" }),
  };
}

async function passthrough(emulatorUrl: string): Promise<{ url: string; token: string }> {
  const enterpriseToken = await emulatorAccessToken(emulatorUrl);
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  const createUrl = new URL("/v1/user/1001/scheduled_meeting?email=false", emulatorUrl);
  const app = Fastify();
  app.post("/api/meetings", async (request, reply) => {
    const body = request.body as { title: string; start: string; end: string; timeZone: string };
    const response = await agent.request({
      origin: createUrl.origin,
      path: createUrl.pathname + createUrl.search,
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${enterpriseToken}` },
      body: JSON.stringify({
        title: body.title,
        description: "",
        start: Date.parse(body.start),
        end: Date.parse(body.end),
        timezone: body.timeZone,
        endPointType: "WEB_APP",
        endPointVersion: "2.10",
        attendees: [],
        addAttendeePasscode: true,
        advancedMeetingOptions: { moderatorLess: false, muteParticipantsOnEntry: false, autoRecord: false },
      }),
    });
    return reply.code(response.statusCode).send(await response.body.json());
  });
  return { url: await app.listen({ port: 0, host: "127.0.0.1" }), token: "unused" };
}

async function main(): Promise<void> {
  const emulatorUrl = process.env.EMULATOR_URL;
  if (!emulatorUrl) throw new Error("EMULATOR_URL is not set");
  const target = process.env.BENCH_TARGET === "passthrough" ? passthrough : server;
  console.log(JSON.stringify(await target(emulatorUrl)));
}

// Exiting through process.exit lets node --cpu-prof write the profile.
process.once("SIGINT", () => process.exit(0));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
