/**
 * A stand-in for Entra ID's token signing, for tests, the bench and local stacks: an RSA key
 * pair, its key set published over plain HTTP on loopback at Entra's per-tenant path, and tokens
 * minted the way Entra shapes access tokens for the add-in's API. Dev-only; nothing in src/
 * imports it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

export const TEST_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const TEST_CLIENT_ID = "6d2c1f9e-0b7a-4c55-9a7e-3f1b2c4d5e6f";
export const TEST_USER = {
  oid: "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab",
  preferred_username: "alex@contoso.example",
  name: "Alex Wilber",
} as const;

export interface MintOptions {
  /** Claims added to (or replacing) the defaults: tid, oid, preferred_username, name, scp. */
  claims?: Record<string, unknown>;
  /** Signs with this key instead of the published one. */
  key?: CryptoKey;
  kid?: string;
  /** Default: Entra's issuer for the token's tenant. */
  issuer?: string;
  audience?: string;
  /** Seconds from now or a jose time span ("1h"). Default "1h". */
  expiresIn?: string | number;
  notBefore?: string | number;
}

export interface TestIssuer {
  /** For the token verifier: `{tenant}` is replaced by the token's tenant. */
  issuerTemplate: string;
  jwksTemplate: string;
  /** A token for the add-in's API, signed with the published key unless told otherwise. */
  mint(options?: MintOptions): Promise<string>;
  /** A key nobody published: tokens signed with it must be refused. */
  strangerKey: CryptoKey;
  /** Publishes another key next to (or instead of) the first, as a key rotation does. */
  publish(keys: JWK[]): void;
  publishedKeys(): JWK[];
  /** How many times the key set was fetched, per tenant path segment. */
  keyFetches(tenant?: string): number;
  /** Makes the key endpoint answer this status (as for an unknown tenant); undefined restores it. */
  failKeysWith(status: number | undefined): void;
  close(): Promise<void>;
}

export const ENTRA_ISSUER_TEMPLATE = "https://login.microsoftonline.com/{tenant}/v2.0";

export async function startTestIssuer(
  options: { clientId?: string; tenant?: string } = {},
): Promise<TestIssuer> {
  const clientId = options.clientId ?? TEST_CLIENT_ID;
  const tenant = options.tenant ?? TEST_TENANT;
  const pair = await generateKeyPair("RS256");
  const strangerKey = (await generateKeyPair("RS256")).privateKey;
  let published: JWK[] = [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" }];
  let failStatus: number | undefined;
  const fetches = new Map<string, number>();

  const server: Server = createServer((req, res) => {
    const segment = /^\/([^/]+)\//.exec(req.url ?? "")?.[1] ?? "";
    fetches.set(segment, (fetches.get(segment) ?? 0) + 1);
    if (failStatus !== undefined) {
      res.writeHead(failStatus, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "invalid_tenant" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuerTemplate: ENTRA_ISSUER_TEMPLATE,
    jwksTemplate: `${base}/{tenant}/discovery/v2.0/keys`,
    strangerKey,
    mint: (o = {}) => {
      const claims = { tid: tenant, ...TEST_USER, scp: "access_as_user", ...o.claims };
      const tid = typeof claims.tid === "string" ? claims.tid : tenant;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: o.kid ?? "k1", typ: "JWT" })
        .setIssuedAt()
        .setIssuer(o.issuer ?? ENTRA_ISSUER_TEMPLATE.replace("{tenant}", tid))
        .setAudience(o.audience ?? clientId)
        .setExpirationTime(o.expiresIn ?? "1h");
      if (o.notBefore !== undefined) jwt.setNotBefore(o.notBefore);
      return jwt.sign(o.key ?? pair.privateKey);
    },
    publish: (keys) => {
      published = keys;
    },
    publishedKeys: () => published,
    keyFetches: (t) =>
      t === undefined ? [...fetches.values()].reduce((a, b) => a + b, 0) : (fetches.get(t) ?? 0),
    failKeysWith: (status) => {
      failStatus = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
