import { exportJWK, generateKeyPair } from "jose";
import {
  startTestIssuer,
  TEST_CLIENT_ID,
  TEST_TENANT,
  type MintOptions,
  type TestIssuer,
} from "../../../dev/testIssuer";
import { createTokenVerifier } from "../../../src/server/auth/verifyToken";

const TENANT = TEST_TENANT;
const OTHER_TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT_ID = TEST_CLIENT_ID;

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});

afterAll(() => issuer.close());

function verifier() {
  return createTokenVerifier({
    audiences: [CLIENT_ID, `api://localhost:3000/${CLIENT_ID}`],
    allowedTenants: [TENANT],
    issuerTemplate: issuer.issuerTemplate,
    jwksTemplate: issuer.jwksTemplate,
    requiredScope: "access_as_user",
  });
}

const token = (o: MintOptions = {}) =>
  issuer.mint({ ...o, claims: { preferred_username: "Alex@Contoso.example", ...o.claims } });
const strangerKey = () => issuer.strangerKey;

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
    ["a bad signature", async () => `Bearer ${await token({ key: strangerKey() })}`, "bad_signature"],
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
      issuerTemplate: issuer.issuerTemplate,
      jwksTemplate: issuer.jwksTemplate,
      requiredScope: "access_as_user",
      keyRefreshCooldownMs: 0,
    });
    const fetchesBefore = issuer.keyFetches();
    expect((await verify(`Bearer ${await token()}`)).ok).toBe(true);
    expect((await verify(`Bearer ${await token()}`)).ok).toBe(true);
    expect(issuer.keyFetches() - fetchesBefore).toBe(1);
    const rotated = await generateKeyPair("RS256");
    const before = issuer.publishedKeys();
    issuer.publish([
      ...before,
      { ...(await exportJWK(rotated.publicKey)), kid: "k2", alg: "RS256", use: "sig" },
    ]);
    try {
      expect((await verify(`Bearer ${await token({ key: rotated.privateKey, kid: "k2" })}`)).ok).toBe(true);
      expect(issuer.keyFetches() - fetchesBefore).toBe(2);
    } finally {
      issuer.publish(before);
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
