/**
 * The production server's settings, from environment variables. Every missing or invalid one is
 * reported as one line naming the variable, and the server does not start.
 */
export interface ServerConfig {
  host: string;
  port: number;
  tls?: { certFile: string; keyFile: string };
  /** Behind a reverse proxy that terminates TLS: plain HTTP, forwarded headers trusted. */
  trustProxy: boolean;
  staticRoot: string;
  /** The pane's runtime configuration file, served as /config.json. */
  addinConfigFile: string;
  addinOrigin: string;
  addinClientId: string;
  allowedTenants: string[] | "*";
  issuerTemplate: string;
  jwksTemplate: string;
  bluejeans: { baseUrl: string; clientId: string; clientSecret: string; enterpriseId: string };
  /** Shared store for several instances; absent: memory, for one instance. */
  redisUrl?: string;
  /** Origins that may frame the pages besides the add-in's own and Outlook's. */
  frameAncestors: string[];
  rateLimits: { perUserPerMinute: number; perAddressPerMinute: number };
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; problems: string[] };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Env = Record<string, string | undefined>;

export function serverConfigFromEnv(env: Env): ConfigResult {
  const problems: string[] = [];
  const text = (name: string, fallback?: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is not set.`);
    return "";
  };
  const httpsUrl = (name: string, fallback?: string): string => {
    const value = text(name, fallback);
    if (!value) return value;
    try {
      const url = new URL(value);
      const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
      if (url.protocol !== "https:" && !(local && url.protocol === "http:")) {
        problems.push(`${name} must be an https URL (http only for localhost): ${value}`);
      }
      return value.replace(/\/$/, "");
    } catch {
      problems.push(`${name} is not a URL: ${value}`);
      return value;
    }
  };

  const port = Number(text("PORT", "3000"));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    problems.push(`PORT must be a number from 1 to 65535.`);

  const certFile = env.TLS_CERT_FILE?.trim();
  const keyFile = env.TLS_KEY_FILE?.trim();
  const trustProxy = env.TRUST_PROXY === "true" || env.TRUST_PROXY === "1";
  if (Boolean(certFile) !== Boolean(keyFile))
    problems.push("TLS_CERT_FILE and TLS_KEY_FILE must be set together.");
  if (!certFile && !trustProxy) {
    problems.push(
      "Set TLS_CERT_FILE and TLS_KEY_FILE, or TRUST_PROXY=true when a reverse proxy terminates TLS.",
    );
  }

  const addinClientId = text("ADDIN_CLIENT_ID");
  if (addinClientId && !GUID.test(addinClientId))
    problems.push(`ADDIN_CLIENT_ID must be a GUID (the Entra app's client ID).`);

  const tenants = text("ALLOWED_TENANTS");
  let allowedTenants: string[] | "*" = "*";
  if (tenants && tenants !== "*") {
    allowedTenants = tenants.split(",").map((t) => t.trim().toLowerCase());
    const bad = allowedTenants.filter((t) => !GUID.test(t));
    if (bad.length)
      problems.push(
        `ALLOWED_TENANTS must be tenant IDs (GUIDs) separated by commas, or *: ${bad.join(", ")}`,
      );
  }

  const authorityHost = httpsUrl("AUTHORITY_HOST", "https://login.microsoftonline.com");
  const enterpriseId = text("BLUEJEANS_ENTERPRISE_ID");
  if (enterpriseId && !/^[0-9]+$/.test(enterpriseId))
    problems.push("BLUEJEANS_ENTERPRISE_ID must be a number.");

  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl))
    problems.push("REDIS_URL must be a redis:// or rediss:// URL.");
  const frameAncestors = (env.FRAME_ANCESTORS ?? "").split(/[\s,]+/).filter(Boolean);
  for (const origin of frameAncestors) {
    if (!/^https:\/\/(\*\.)?[a-z0-9.-]+(:[0-9]+)?$/i.test(origin))
      problems.push(`FRAME_ANCESTORS must be https origins separated by spaces or commas: ${origin}`);
  }
  const perMinute = (name: string, fallback: number): number => {
    const value = Number(text(name, String(fallback)));
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a whole number above 0.`);
    return value;
  };

  const config: ServerConfig = {
    host: text("HOST", "0.0.0.0"),
    port,
    ...(certFile && keyFile ? { tls: { certFile, keyFile } } : {}),
    trustProxy,
    staticRoot: text("STATIC_ROOT", "dist"),
    addinConfigFile: text("ADDIN_CONFIG_FILE", "config/addin-config.json"),
    addinOrigin: httpsUrl("ADDIN_ORIGIN"),
    addinClientId,
    allowedTenants,
    issuerTemplate: env.ISSUER_TEMPLATE?.trim() || `${authorityHost}/{tenant}/v2.0`,
    jwksTemplate: env.JWKS_TEMPLATE?.trim() || `${authorityHost}/{tenant}/discovery/v2.0/keys`,
    bluejeans: {
      baseUrl: httpsUrl("BLUEJEANS_BASE_URL", "https://api.bluejeans.com"),
      clientId: text("BLUEJEANS_CLIENT_ID"),
      clientSecret: text("BLUEJEANS_CLIENT_SECRET"),
      enterpriseId,
    },
    ...(redisUrl ? { redisUrl } : {}),
    frameAncestors,
    rateLimits: {
      perUserPerMinute: perMinute("RATE_LIMIT_USER_PER_MINUTE", 120),
      perAddressPerMinute: perMinute("RATE_LIMIT_ADDRESS_PER_MINUTE", 30),
    },
  };
  return problems.length ? { ok: false, problems } : { ok: true, config };
}
