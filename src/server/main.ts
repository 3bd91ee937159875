/**
 * `npm run serve`: the add-in's server in production, configured from environment variables
 * (see README). Stops at start, one line per problem, when a setting is missing or invalid.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { authorityBaseFor, parseConfig } from "../shared/consent/config";
import { buildApp, logDestination, LOG_REDACT } from "./app";
import { serverConfigFromEnv, type ServerConfig } from "./config";
import { createMemoryStore } from "./store";
import { createRedisStore } from "./store/redis";
import { createMeetingsDeps } from "./wiring";

function fail(lines: string[]): never {
  for (const line of lines) console.error(`Cannot start: ${line}`);
  process.exit(1);
}

function readOrFail(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    fail([`${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`]);
  }
}

export async function start(config: ServerConfig): Promise<void> {
  const staticRoot = path.resolve(config.staticRoot);
  readOrFail(path.join(staticRoot, "taskpane.html"), "STATIC_ROOT has no build: file");
  let rawAddinConfig: unknown;
  try {
    rawAddinConfig = JSON.parse(readOrFail(config.addinConfigFile, "ADDIN_CONFIG_FILE").toString("utf8"));
  } catch {
    fail([`ADDIN_CONFIG_FILE ${config.addinConfigFile} is not valid JSON.`]);
  }
  const parsed = parseConfig(rawAddinConfig);
  if (!parsed.ok) fail(parsed.problems.map((p) => `ADDIN_CONFIG_FILE ${p}`));
  const addinConfig = { ...parsed.config, clientId: parsed.config.clientId || config.addinClientId };

  // Several instances share Redis; one instance keeps its records in memory.
  const store = config.redisUrl
    ? createRedisStore({
        url: config.redisUrl,
        onState: (state, detail) =>
          state === "ready"
            ? console.log("Redis connected")
            : console.error(`Redis unavailable: ${detail ?? ""} (creates answer 503 until it is back)`),
      })
    : createMemoryStore();
  const logs = logDestination();
  const app = await buildApp({
    staticRoot,
    logger: {
      level: process.env.LOG_LEVEL ?? "info",
      // Tokens and secrets never reach a log line.
      redact: LOG_REDACT,
      stream: logs,
    },
    trustProxy: config.trustProxy,
    ...(config.tls
      ? {
          https: {
            cert: readOrFail(config.tls.certFile, "TLS_CERT_FILE"),
            key: readOrFail(config.tls.keyFile, "TLS_KEY_FILE"),
          },
        }
      : {}),
    addinConfig,
    addinOrigin: config.addinOrigin,
    connectOrigins: [authorityBaseFor(addinConfig)],
    frameAncestors: config.frameAncestors,
    meetings: createMeetingsDeps({
      addinClientId: config.addinClientId,
      addinOrigin: config.addinOrigin,
      allowedTenants: config.allowedTenants,
      issuerTemplate: config.issuerTemplate,
      jwksTemplate: config.jwksTemplate,
      bluejeans: config.bluejeans,
      store,
      rateLimits: config.rateLimits,
    }),
  });
  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info(`BlueJeans for Outlook serving ${staticRoot} at ${address}`);
  // The start line at once, not with the next lines.
  logs.flush();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(
      signal,
      () =>
        void app
          .close()
          .then(() => store.close())
          .then(() => process.exit(0)),
    );
  }
}

if (require.main === module) {
  const result = serverConfigFromEnv(process.env);
  if (!result.ok) fail(result.problems);
  start(result.config).catch((error: unknown) =>
    fail([error instanceof Error ? error.message : String(error)]),
  );
}
