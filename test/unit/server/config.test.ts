import { serverConfigFromEnv } from "../../../src/server/config";

const complete = {
  TLS_CERT_FILE: "/etc/bjn/cert.pem",
  TLS_KEY_FILE: "/etc/bjn/key.pem",
  ADDIN_ORIGIN: "https://addins.example.com",
  ADDIN_CLIENT_ID: "6d2c1f9e-0b7a-4c55-9a7e-3f1b2c4d5e6f",
  ALLOWED_TENANTS: "72F988BF-86F1-41AF-91AB-2D7CD011DB47",
  BLUEJEANS_CLIENT_ID: "app",
  BLUEJEANS_CLIENT_SECRET: "s3cret",
  BLUEJEANS_ENTERPRISE_ID: "77777",
};

describe("serverConfigFromEnv", () => {
  test("a complete environment gives the settings, with Entra's endpoints by default", () => {
    const result = serverConfigFromEnv(complete);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      port: 3000,
      tls: { certFile: "/etc/bjn/cert.pem", keyFile: "/etc/bjn/key.pem" },
      allowedTenants: ["72f988bf-86f1-41af-91ab-2d7cd011db47"],
      issuerTemplate: "https://login.microsoftonline.com/{tenant}/v2.0",
      jwksTemplate: "https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys",
      bluejeans: { baseUrl: "https://api.bluejeans.com", enterpriseId: "77777" },
    });
  });

  test("a shared store, extra frame ancestors and rate limits", () => {
    const result = serverConfigFromEnv({
      ...complete,
      REDIS_URL: "redis://cache.internal:6379/0",
      FRAME_ANCESTORS: "https://outlook.office365.us, https://*.example.com",
      RATE_LIMIT_USER_PER_MINUTE: "60",
    });
    expect(result.ok && result.config).toMatchObject({
      redisUrl: "redis://cache.internal:6379/0",
      frameAncestors: ["https://outlook.office365.us", "https://*.example.com"],
      rateLimits: { perUserPerMinute: 60, perAddressPerMinute: 30 },
    });
    expect(serverConfigFromEnv({ ...complete, REDIS_URL: "cache:6379", FRAME_ANCESTORS: "*" })).toEqual({
      ok: false,
      problems: [
        "REDIS_URL must be a redis:// or rediss:// URL.",
        "FRAME_ANCESTORS must be https origins separated by spaces or commas: *",
      ],
    });
  });

  test("behind a proxy no certificate is needed", () => {
    const { TLS_CERT_FILE: _c, TLS_KEY_FILE: _k, ...rest } = complete;
    expect(serverConfigFromEnv({ ...rest, TRUST_PROXY: "true" }).ok).toBe(true);
  });

  test("every missing or invalid setting is one line naming it", () => {
    const result = serverConfigFromEnv({
      PORT: "99999",
      TLS_CERT_FILE: "/x.pem",
      ADDIN_ORIGIN: "http://addins.example.com",
      ADDIN_CLIENT_ID: "not-a-guid",
      ALLOWED_TENANTS: "contoso.com",
      BLUEJEANS_BASE_URL: "ftp://x",
      BLUEJEANS_ENTERPRISE_ID: "seven",
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        "PORT must be a number from 1 to 65535.",
        "TLS_CERT_FILE and TLS_KEY_FILE must be set together.",
        "ADDIN_CLIENT_ID must be a GUID (the Entra app's client ID).",
        "ALLOWED_TENANTS must be tenant IDs (GUIDs) separated by commas, or *: contoso.com",
        "BLUEJEANS_ENTERPRISE_ID must be a number.",
        "ADDIN_ORIGIN must be an https URL (http only for localhost): http://addins.example.com",
        "BLUEJEANS_BASE_URL must be an https URL (http only for localhost): ftp://x",
        "BLUEJEANS_CLIENT_ID is not set.",
        "BLUEJEANS_CLIENT_SECRET is not set.",
      ],
    });
  });
});
