/**
 * The add-in's web server: serves the built pages with security headers and a health check.
 * Built by a function so tests can drive it with `inject` without opening a port.
 */
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { AddinConfig } from "../shared/consent/config";
import { meetingsRoutes, type MeetingsDeps } from "./routes/meetings";
import { personalMeetingRoutes } from "./routes/personalMeeting";
import { wellKnownRoutes } from "./routes/wellKnown";

export interface AppOptions {
  /** Folder with the built add-in (dist/ in production). */
  staticRoot: string;
  logger?: FastifyServerOptions["logger"];
  https?: { key: Buffer; cert: Buffer };
  /** Behind a reverse proxy: trust its X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** The pane's runtime configuration, already validated, served as /config.json. */
  addinConfig?: AddinConfig;
  /** The meetings API; absent, the server only serves the add-in. */
  meetings?: MeetingsDeps;
  /** Extra origins the pages may call (the sign-in host or a local identity provider). */
  connectOrigins?: string[];
  /** Where the add-in is served (ADDIN_ORIGIN); the event script's allow-list names it. */
  addinOrigin?: string;
}

/** Where office.js comes from; it loads its own further scripts from the same host. */
const OFFICE_JS_HOSTS = ["https://appsforoffice.microsoft.com"];

export function contentSecurityPolicy(connectOrigins: string[] = []): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...OFFICE_JS_HOSTS],
    // Fluent UI writes its styles into <style> elements at run time.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...connectOrigins],
    // MSAL's silent sign-in uses a hidden frame on the sign-in host.
    "frame-src": ["'self'", ...connectOrigins],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    // Refuse what the schemas do not allow instead of quietly dropping or converting it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    ...(options.https ? { https: options.https } : {}),
  } as FastifyServerOptions);

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.connectOrigins) },
    // Outlook shows the pages inside its own frames, on several Microsoft origins.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "cross-origin" },
  });

  app.get("/health", async () => ({ status: "ok" }));
  await app.register(async (scope) => wellKnownRoutes(scope, options.addinOrigin));

  const addinConfig = options.addinConfig;
  if (addinConfig) {
    // The pane offers "New BlueJeans meeting" only where this server can create them.
    const served: AddinConfig = {
      ...addinConfig,
      features: { scheduledMeetings: Boolean(options.meetings) },
    };
    app.get("/config.json", async (_request, reply) =>
      reply.header("Cache-Control", "no-cache").send(served),
    );
  }
  const meetings = options.meetings;
  if (meetings) {
    await app.register(async (scope) => {
      await meetingsRoutes(scope, meetings);
      // In the same scope: the meetings API's token check and error answers apply to it too.
      await personalMeetingRoutes(scope, meetings);
    });
  }

  await app.register(fastifyStatic, {
    root: options.staticRoot,
    index: false,
    cacheControl: false, // Set below, per file.
    // Hashed bundles never change; pages and the manifest must be re-read after a deploy.
    setHeaders: (res, filePath) => {
      const hashed = /\.[0-9a-f]{8}\.js$/.test(filePath);
      res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return app;
}
