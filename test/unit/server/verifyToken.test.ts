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

describe("who the token names", () => {
  test("the Bearer scheme is case-insensitive", async () => {
    for (const scheme of ["bearer", "BEARER", "BeArEr"]) {
      expect((await verifier()(`${scheme} ${await token()}`)).ok).toBe(true);
    }
  });

  test("the optional email claim never names the account: a tenant's admin can set it to anything", async () => {
    const onlyEmail = await issuer.mint({
      claims: { preferred_username: undefined, email: "ceo@contoso.example" },
    });
    await expect(verifier()(`Bearer ${onlyEmail}`)).resolves.toEqual({ ok: false, reason: "missing_user" });
    const both = await token({ claims: { email: "ceo@contoso.example" } });
    const result = await verifier()(`Bearer ${both}`);
    expect(result.ok && result.user.email).toBe("alex@contoso.example");
  });

  test("upn names the account when the token carries it", async () => {
    const result = await verifier()(
      `Bearer ${await token({ claims: { upn: "Alex.Wilber@Contoso.example" } })}`,
    );
    expect(result.ok && result.user.email).toBe("alex.wilber@contoso.example");
  });
});

describe("the verified-token cache runs on the injected clock", () => {
  test("a remembered token stops being accepted when the clock passes its expiry", async () => {
    let clock = Date.now();
    const verify = createTokenVerifier({
      audiences: [CLIENT_ID],
      allowedTenants: [TENANT],
      issuerTemplate: issuer.issuerTemplate,
      jwksTemplate: issuer.jwksTemplate,
      requiredScope: "access_as_user",
      now: () => clock,
    });
    const bearer = `Bearer ${await token({ expiresIn: "10m" })}`;
    expect((await verify(bearer)).ok).toBe(true);
    clock += 9 * 60_000;
    expect((await verify(bearer)).ok).toBe(true);
    clock += 3 * 60_000;
    await expect(verify(bearer)).resolves.toEqual({ ok: false, reason: "expired" });
  });
});

describe("signing-key fetches for any tenant (ALLOWED_TENANTS=*) are bounded", () => {
  const tenantNo = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  let clock = 1_000_000;
  const anyTenant = (o: Partial<Parameters<typeof createTokenVerifier>[0]> = {}) =>
    createTokenVerifier({
      audiences: [CLIENT_ID],
      allowedTenants: "*",
      issuerTemplate: issuer.issuerTemplate,
      jwksTemplate: issuer.jwksTemplate,
      requiredScope: "access_as_user",
      now: () => clock,
      ...o,
    });
  const forTenant = async (n: number) => `Bearer ${await token({ claims: { tid: tenantNo(n) } })}`;

  afterEach(() => issuer.failKeysWith(undefined));

  test("the personal-accounts tenant is refused even with *, before any key fetch", async () => {
    const consumer = "9188040d-6c67-4c5b-b112-36a304b66dad";
    const before = issuer.keyFetches(consumer);
    const bearer = `Bearer ${await token({ claims: { tid: consumer } })}`;
    await expect(anyTenant()(bearer, { clientAddress: "192.0.2.9" })).resolves.toEqual({
      ok: false,
      reason: "tenant_not_allowed",
    });
    expect(issuer.keyFetches(consumer) - before).toBe(0);
  });

  test("a tenant whose keys cannot be fetched is not fetched again for a while", async () => {
    const verify = anyTenant({ failedTenantMemoryMs: 60_000 });
    issuer.failKeysWith(400);
    const before = issuer.keyFetches(tenantNo(1));
    for (let i = 0; i < 20; i++) {
      await expect(verify(await forTenant(1), { clientAddress: "192.0.2.1" })).resolves.toEqual({
        ok: false,
        reason: "keys_unavailable",
      });
    }
    expect(issuer.keyFetches(tenantNo(1)) - before).toBe(1);
    issuer.failKeysWith(undefined);
    clock += 61_000;
    expect((await verify(await forTenant(1), { clientAddress: "192.0.2.1" })).ok).toBe(true);
  });

  test("new tenants are limited per minute per client address and in all", async () => {
    const verify = anyTenant({ newTenantsPerMinute: 6, newTenantsPerAddressPerMinute: 3 });
    const before = issuer.keyFetches();
    const reasons: string[] = [];
    for (let n = 100; n < 110; n++) {
      const result = await verify(await forTenant(n), { clientAddress: "198.51.100.7" });
      reasons.push(result.ok ? "ok" : result.reason);
    }
    expect(reasons).toEqual([...Array(3).fill("ok"), ...Array(7).fill("too_many_tenants")]);
    for (let n = 200; n < 210; n++) {
      const result = await verify(await forTenant(n), { clientAddress: `203.0.113.${n - 200}` });
      reasons.push(result.ok ? "ok" : result.reason);
    }
    // Six new tenants a minute in all: three more from other addresses, then no more.
    expect(reasons.slice(10)).toEqual([...Array(3).fill("ok"), ...Array(7).fill("too_many_tenants")]);
    expect(issuer.keyFetches() - before).toBe(6);
    clock += 61_000;
    expect((await verify(await forTenant(300), { clientAddress: "198.51.100.7" })).ok).toBe(true);
  });

  test("a tenant verified recently keeps its keys however many strangers arrive", async () => {
    const verify = anyTenant({
      maxCachedTenants: 2,
      newTenantsPerMinute: 1000,
      newTenantsPerAddressPerMinute: 1000,
    });
    expect((await verify(await forTenant(1))).ok).toBe(true);
    expect((await verify(await forTenant(2))).ok).toBe(true);
    const fetchesOfOne = issuer.keyFetches(tenantNo(1));
    for (let n = 500; n < 520; n++) {
      await expect(verify(await forTenant(n))).resolves.toEqual({ ok: false, reason: "too_many_tenants" });
    }
    // New tokens of tenant 1 still verify without fetching its keys again.
    expect((await verify(await forTenant(1))).ok).toBe(true);
    expect(issuer.keyFetches(tenantNo(1))).toBe(fetchesOfOne);
    // Once nobody of tenant 2 has signed in for a long while, a newcomer may take its place.
    clock += 2 * 3600_000;
    expect((await verify(await forTenant(1))).ok).toBe(true);
    expect((await verify(await forTenant(600))).ok).toBe(true);
  });
});
