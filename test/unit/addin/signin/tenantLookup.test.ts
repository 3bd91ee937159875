import { lookupTenant, TENANT_CACHE_KEY } from "../../../../src/addin/signin/tenantLookup";
import { memoryStorage } from "../../shared/consent/fakes";

const TENANT = "4f1c2b7e-9a3d-4e68-b5c1-7d2e8a90f3b6";
const PUBLIC = "https://login.microsoftonline.com";
const USGOV = "https://login.microsoftonline.us";

/** The sign-in service as it answers: the document for known domains, 400 AADSTS90002 for others. */
function service(directory: Record<string, string>, base = PUBLIC) {
  const asked: string[] = [];
  const fetch = async (url: string) => {
    asked.push(url);
    const domain = new URL(url).pathname.split("/")[1] ?? "";
    const tenant = directory[domain];
    return tenant
      ? { ok: true, status: 200, text: async () => JSON.stringify({ issuer: `${base}/${tenant}/v2.0` }) }
      : { ok: false, status: 400, text: async () => '{"error":"invalid_tenant","error_codes":[90002]}' };
  };
  return { fetch, asked };
}

describe("looking up the organisation of a domain", () => {
  test("found: the tenant, asked once, then from the cache", async () => {
    const storage = memoryStorage();
    const { fetch, asked } = service({ "contoso.com": TENANT });
    await expect(lookupTenant(PUBLIC, "contoso.com", { fetch, storage, now: () => 0 })).resolves.toBe(TENANT);
    await expect(lookupTenant(PUBLIC, "contoso.com", { fetch, storage, now: () => 1000 })).resolves.toBe(
      TENANT,
    );
    expect(asked).toEqual([
      "https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration",
    ]);
  });

  test("an unknown domain: nothing, remembered for a day, then asked again", async () => {
    const storage = memoryStorage();
    const { fetch, asked } = service({});
    await expect(
      lookupTenant(PUBLIC, "unknown.example", { fetch, storage, now: () => 0 }),
    ).resolves.toBeUndefined();
    await expect(
      lookupTenant(PUBLIC, "unknown.example", { fetch, storage, now: () => 3600_000 }),
    ).resolves.toBeUndefined();
    expect(asked).toHaveLength(1);
    await lookupTenant(PUBLIC, "unknown.example", { fetch, storage, now: () => 25 * 3600_000 });
    expect(asked).toHaveLength(2);
  });

  test("per cloud: the same domain is asked again at another cloud, and checked against that host", async () => {
    const storage = memoryStorage();
    const gov = service({ "agency.gov": TENANT }, USGOV);
    await expect(lookupTenant(USGOV, "agency.gov", { fetch: gov.fetch, storage })).resolves.toBe(TENANT);
    // An answer naming the public cloud's host is not trusted for the US Government cloud.
    const wrongHost = service({ "agency.gov": TENANT }, PUBLIC);
    await expect(
      lookupTenant(USGOV, "other.gov", { fetch: wrongHost.fetch, storage }),
    ).resolves.toBeUndefined();
    expect(gov.asked[0]).toBe(
      "https://login.microsoftonline.us/agency.gov/v2.0/.well-known/openid-configuration",
    );
  });

  test("offline or a server error: nothing, and not remembered", async () => {
    const storage = memoryStorage();
    const offline = async () => Promise.reject(new TypeError("Failed to fetch"));
    await expect(lookupTenant(PUBLIC, "contoso.com", { fetch: offline, storage })).resolves.toBeUndefined();
    const busy = async () => ({ ok: false, status: 503, text: async () => "" });
    await expect(lookupTenant(PUBLIC, "contoso.com", { fetch: busy, storage })).resolves.toBeUndefined();
    expect(storage.getItem(TENANT_CACHE_KEY)).toBeNull();
  });

  test("a document that is not JSON, or names the personal-account tenant: nothing", async () => {
    const storage = memoryStorage();
    const garbage = async () => ({ ok: true, status: 200, text: async () => "<html>" });
    await expect(lookupTenant(PUBLIC, "a.com", { fetch: garbage, storage })).resolves.toBeUndefined();
    const personal = service({ "outlook.com": "9188040d-6c67-4c5b-b112-36a304b66dad" });
    await expect(
      lookupTenant(PUBLIC, "outlook.com", { fetch: personal.fetch, storage }),
    ).resolves.toBeUndefined();
  });

  test("a damaged cache is ignored", async () => {
    const storage = memoryStorage();
    storage.setItem(TENANT_CACHE_KEY, "{not json");
    const { fetch } = service({ "contoso.com": TENANT });
    await expect(lookupTenant(PUBLIC, "contoso.com", { fetch, storage })).resolves.toBe(TENANT);
  });
});
