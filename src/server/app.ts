/**
 * The add-in's web server: serves the built pages with security headers, /config.json, /health
 * and the meetings API. Built by a function so tests can drive it with `inject` without opening
 * a port. Each part is a small Fastify plugin (routes/); add a route by adding a plugin.
 */
import fastifyStatic from "@fastify/static";
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import helmet, { type HelmetOptions } from "helmet";
import pino from "pino";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddinConfig } from "../shared/consent/config";
import { addinConfigRoute } from "./routes/addinConfig";
import { meetingsRoutes, type MeetingsDeps } from "./routes/meetings";
import { personalMeetingRoutes } from "./routes/personalMeeting";
import { wellKnownRoutes } from "./routes/wellKnown";

export interface ServerTimeouts {
  /** The whole request, headers and body, must arrive within this. Default 30 s. */
  requestMs: number;
  /** The headers must arrive within this. Default 10 s. */
  headersMs: number;
  /** A socket with nothing happening on it is closed after this. Default 60 s. */
  idleMs: number;
  /** An idle keep-alive connection is closed after this. Default 5 s. */
  keepAliveMs: number;
  /** How often Node checks the request and header timeouts. Default 1 s. */
  checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  requestMs: 30_000,
  headersMs: 10_000,
  idleMs: 60_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

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
  /** Extra origins that may frame the pages, beyond the add-in's own and Outlook's. */
  frameAncestors?: string[];
  timeouts?: Partial<ServerTimeouts>;
  /** Largest request body accepted, in bytes. Default 256 KiB (a meeting with 500 attendees fits). */
  bodyLimit?: number;
  /** Serve `.map` files (development only: they show the source). Default false. */
  serveSourceMaps?: boolean;
}

/** Where office.js comes from; it loads its own further scripts from the same host. */
const OFFICE_JS_HOSTS = ["https://appsforoffice.microsoft.com"];

/**
 * Who may show the pages in a frame: the add-in itself and Outlook on the web, which hosts
 * add-ins in frames on its own origins (outlook.office.com, outlook.office365.com for work
 * accounts, outlook.live.com for personal ones; the new Outlook for Windows runs the same web
 * app). Outlook for Windows (classic) and Mac show the pages in their own web view, not in a
 * frame, so no ancestor applies there.
 */
export const OUTLOOK_FRAME_ANCESTORS = [
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook.live.com",
  "https://outlook.cloud.microsoft",
];

export function contentSecurityPolicy(
  connectOrigins: string[] = [],
  frameAncestors: string[] = [],
): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...OFFICE_JS_HOSTS],
    // Fluent UI writes its styles into <style> elements at run time.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...connectOrigins],
    // MSAL's silent sign-in uses a hidden frame on the sign-in host.
    "frame-src": ["'self'", ...connectOrigins],
    "frame-ancestors": ["'self'", ...OUTLOOK_FRAME_ANCESTORS, ...frameAncestors],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  };
}

/** The path of a URL with every query value replaced: tokens sent in a URL stay out of logs. */
export function redactedUrl(url: string): string {
  const mark = url.indexOf("?");
  if (mark < 0) return url;
  const names = url
    .slice(mark + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => `${pair.split("=")[0]!.slice(0, 40)}=[redacted]`);
  return `${url.slice(0, mark)}?${names.join("&")}`;
}

/** How long a log line may wait for others before it is written. */
export const LOG_FLUSH_MS = 1_000;

/**
 * Where the server's log lines go (stdout unless told): pino's own destination, holding lines
 * until 4 KiB have gathered or LOG_FLUSH_MS has passed, so a busy server makes one write for a few
 * dozen lines rather than one per request (in the server bench that was about 14 us of CPU per
 * request). pino writes what is held when the process exits, process.exit included.
 */
export function logDestination(dest: string | number = 1): ReturnType<typeof pino.destination> {
  return pino.destination({ dest, minLength: 4096, periodicFlush: LOG_FLUSH_MS });
}

/** Request parts that never reach a log line (tokens, cookies). */
export const LOG_REDACT = ["req.headers.authorization", "req.headers.cookie"];

const serializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactedUrl(request.url),
    remoteAddress: request.ip,
  }),
};

/** One log line per request, when it is answered, with the URL's query values redacted. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, "request failed");
    else reply.log.info(line, "request");
  }
}

/**
 * The security headers helmet sets for these options, worked out once: none of them depends on
 * the request (no nonces), and building helmet's middleware on every request, as its Fastify
 * plugin does, showed in the server's profile.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader() {},
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error("helmet did not set its headers at once");
  return headers;
}

function withSerializers(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  return { ...(logger === true ? {} : logger), serializers } as FastifyServerOptions["logger"];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const tls = options.https;
  const serverOptions = {
    requestTimeout: timeouts.requestMs,
    headersTimeout: timeouts.headersMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkEveryMs,
  };
  const app = Fastify({
    logger: withSerializers(options.logger ?? false),
    logController: new OneLinePerRequest(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    // Refuse what the schemas do not allow instead of quietly dropping or converting it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    serverFactory: (handler) => {
      const server: Server = tls
        ? createHttpsServer({ ...serverOptions, key: tls.key, cert: tls.cert }, handler)
        : createHttpServer(serverOptions, handler);
      server.setTimeout(timeouts.idleMs);
      return server;
    },
  } as FastifyServerOptions);

  // Fastify's own 404 names the URL in its answer and its log line; this one does not.
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: "not_found", message: "There is nothing at this address." }),
  );

  const security = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: contentSecurityPolicy(options.connectOrigins, options.frameAncestors),
    },
    // frame-ancestors above says who may frame the pages (X-Frame-Options cannot name several).
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "cross-origin" },
  });
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(security);
    done();
  });

  app.get("/health", async () => ({ status: "ok" }));
  await app.register(async (scope) => wellKnownRoutes(scope, options.addinOrigin));
  if (options.addinConfig) {
    await app.register(addinConfigRoute, {
      config: options.addinConfig,
      scheduledMeetings: Boolean(options.meetings),
    });
  }
  const meetings = options.meetings;
  if (meetings) {
    await app.register(async (scope) => {
      await meetingsRoutes(scope, meetings);
      // In the same scope: the meetings API's token check and error answers apply to it too.
      await personalMeetingRoutes(scope, meetings);
    });
    // Its keep-alive connections to BlueJeans would otherwise hold the process open.
    app.addHook("onClose", async () => {
      await meetings.bluejeans.close();
    });
  }

  const serveSourceMaps = options.serveSourceMaps ?? false;
  await app.register(fastifyStatic, {
    root: options.staticRoot,
    index: false,
    cacheControl: false, // Set below, per file.
    allowedPath: (pathName) => serveSourceMaps || !pathName.endsWith(".map"),
    // Hashed bundles never change; pages and the manifest must be re-read after a deploy.
    setHeaders: (res, filePath) => {
      const hashed = /\.[0-9a-f]{8}\.js$/.test(filePath);
      res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return app;
}
