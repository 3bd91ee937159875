import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from "jose";
import { createTokenVerifier } from "../../../src/server/auth/verifyToken";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT_ID = "6d2c1f9e-0b7a-4c55-9a7e-3f1b2c4d5e6f";

let server: Server;
let base: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let published: JWK[] = [];
let keyFetches = 0;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  published = [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" }];
  // Stands in for Entra's per-tenant key endpoint.
  server = createServer((req, res) => {
    keyFetches++;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function verifier() {
  return createTokenVerifier({
    audiences: [CLIENT_ID, `api://localhost:3000/${CLIENT_ID}`],
    allowedTenants: [TENANT],
    issuerTemplate: "https://login.microsoftonline.com/{tenant}/v2.0",
    jwksTemplate: `${base}/{tenant}/discovery/v2.0/keys`,
    requiredScope: "access_as_user",
  });
}

interface TokenOptions {
  key?: CryptoKey;
  kid?: string;
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
  notBefore?: string | number;
}

async function token(o: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({
    tid: TENANT,
    oid: "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
    preferred_username: "Alex@Contoso.example",
    name: "Alex Wilber",
    scp: "access_as_user",
    ...o.claims,
  })
    .setProtectedHeader({ alg: "RS256", kid: o.kid ?? "k1", typ: "JWT" })
    .setIssuedAt()
    .setIssuer(o.issuer ?? `https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(o.audience ?? CLIENT_ID)
    .setExpirationTime(o.expiresIn ?? "1h");
  if (o.notBefore !== undefined) jwt.setNotBefore(o.notBefore);
  return jwt.sign(o.key ?? signingKey);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("createTokenVerifier", () => {
  test("accepts a valid token and names the user", async () => {
    await expect(verifier()(`Bearer ${await token()}`)).resolves.toEqual({
      ok: true,
      user: {
        tenantId: TENANT,
        objectId: "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
        email: "alex@contoso.example",
        name: "Alex Wilber",
      },
    });
  });

  test("accepts the Application ID URI as audience", async () => {
    const result = await verifier()(
      `Bearer ${await token({ audience: `api://localhost:3000/${CLIENT_ID}` })}`,
    );
    expect(result.ok).toBe(true);
  });

  test.each<[string, () => Promise<string | undefined>, string]>([
    ["no header", async () => undefined, "missing_token"],
    ["not a bearer token", async () => "Basic abc", "malformed_token"],
    ["garbage", async () => "Bearer a.b.c", "malformed_token"],
    ["a bad signature", async () => `Bearer ${await token({ key: strangerKey })}`, "bad_signature"],
    [
      "a wrong issuer",
      async () => `Bearer ${await token({ issuer: "https://evil.example/v2.0" })}`,
      "wrong_issuer",
    ],
    ["a wrong audience", async () => `Bearer ${await token({ audience: "someone-else" })}`, "wrong_audience"],
    [
      "an expired token",
      async () => `Bearer ${await token({ expiresIn: Math.floor(Date.now() / 1000) - 600 })}`,
      "expired",
    ],
    [
      "a token not valid yet",
      async () => `Bearer ${await token({ notBefore: Math.floor(Date.now() / 1000) + 600 })}`,
      "not_yet_valid",
    ],
    [
      "alg none",
      async () => {
        const body = b64({
          tid: TENANT,
          oid: "x",
          scp: "access_as_user",
          exp: Math.floor(Date.now() / 1000) + 600,
        });
        return `Bearer ${b64({ alg: "none", typ: "JWT" })}.${body}.`;
      },
      "algorithm_not_allowed",
    ],
    [
      "an HS256 token",
      async () => {
        const real = await token();
        return `Bearer ${b64({ alg: "HS256", kid: "k1" })}.${real.split(".")[1]}.${real.split(".")[2]}`;
      },
      "algorithm_not_allowed",
    ],
    ["an unknown key id", async () => `Bearer ${await token({ kid: "k-unknown" })}`, "unknown_key"],
    [
      "another tenant",
      async () => `Bearer ${await token({ claims: { tid: OTHER_TENANT } })}`,
      "tenant_not_allowed",
    ],
    [
      "a tenant that is not a GUID",
      async () => `Bearer ${await token({ claims: { tid: "../../x" } })}`,
      "malformed_token",
    ],
    [
      "no access_as_user scope",
      async () => `Bearer ${await token({ claims: { scp: "User.Read" } })}`,
      "missing_scope",
    ],
    [
      "no user",
      async () => `Bearer ${await token({ claims: { preferred_username: "nobody" } })}`,
      "missing_user",
    ],
  ])("refuses %s", async (_label, header, reason) => {
    await expect(verifier()(await header())).resolves.toEqual({ ok: false, reason });
  });

  test("fetches the keys once, and again when a token names a key it has not seen (rotation)", async () => {
    const verify = createTokenVerifier({
      audiences: [CLIENT_ID],
      allowedTenants: [TENANT],
      issuerTemplate: "https://login.microsoftonline.com/{tenant}/v2.0",
      jwksTemplate: `${base}/{tenant}/discovery/v2.0/keys`,
      requiredScope: "access_as_user",
      keyRefreshCooldownMs: 0,
    });
    keyFetches = 0;
    expect((await verify(`Bearer ${await token()}`)).ok).toBe(true);
    expect((await verify(`Bearer ${await token()}`)).ok).toBe(true);
    expect(keyFetches).toBe(1);
    const rotated = await generateKeyPair("RS256");
    const before = published;
    published = [
      ...published,
      { ...(await exportJWK(rotated.publicKey)), kid: "k2", alg: "RS256", use: "sig" },
    ];
    try {
      expect((await verify(`Bearer ${await token({ key: rotated.privateKey, kid: "k2" })}`)).ok).toBe(true);
      expect(keyFetches).toBe(2);
    } finally {
      published = before;
    }
  });

  test("an unreachable key endpoint is reported as such, not as a bad token", async () => {
    const verify = createTokenVerifier({
      audiences: [CLIENT_ID],
      allowedTenants: "*",
      issuerTemplate: "https://login.microsoftonline.com/{tenant}/v2.0",
      jwksTemplate: "http://127.0.0.1:9/{tenant}/keys",
      requiredScope: "access_as_user",
    });
    await expect(verify(`Bearer ${await token()}`)).resolves.toEqual({
      ok: false,
      reason: "keys_unavailable",
    });
  });
});
