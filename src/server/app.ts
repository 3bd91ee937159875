/**
 * The add-in's web server: serves the built pages with security headers and a health check.
 * Built by a function so tests can drive it with `inject` without opening a port.
 */
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";

export interface AppOptions {
  /** Folder with the built add-in (dist/ in production). */
  staticRoot: string;
  logger?: FastifyServerOptions["logger"];
  https?: { key: Buffer; cert: Buffer };
}

/** Where office.js comes from; it loads its own further scripts from the same host. */
const OFFICE_JS_HOSTS = ["https://appsforoffice.microsoft.com"];

export function contentSecurityPolicy(): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...OFFICE_JS_HOSTS],
    // Fluent UI writes its styles into <style> elements at run time.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ...(options.https ? { https: options.https } : {}),
  } as FastifyServerOptions);

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy() },
    // Outlook shows the pages inside its own frames, on several Microsoft origins.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "cross-origin" },
  });

  app.get("/health", async () => ({ status: "ok" }));

  await app.register(fastifyStatic, {
    root: options.staticRoot,
    index: false,
    // Hashed bundles never change; pages and the manifest must be re-read after a deploy.
    setHeaders: (res, filePath) => {
      const hashed = /\.[0-9a-f]{8}\.js$/.test(filePath);
      res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return app;
}
