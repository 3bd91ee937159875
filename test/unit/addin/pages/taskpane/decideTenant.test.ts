import { decideTenant } from "../../../../../src/addin/pages/taskpane/consent/model";

const OFFICE = "11111111-1111-4111-8111-111111111111";
const ACCOUNT = "22222222-2222-4222-8222-222222222222";
const DOMAIN = "33333333-3333-4333-8333-333333333333";
const PINNED = "44444444-4444-4444-8444-444444444444";

describe("the tenant of the approval links", () => {
  test("Office's auth context first, then the account, then the pinned tenant, then the mailbox's domain", () => {
    const all = { officeTenantId: OFFICE, accountTenantId: ACCOUNT, domainTenantId: DOMAIN };
    expect(decideTenant({ tenant: PINNED }, all)).toEqual({
      kind: "tenant",
      tenant: OFFICE,
      source: "officeAuthContext",
    });
    expect(decideTenant({ tenant: PINNED }, { accountTenantId: ACCOUNT, domainTenantId: DOMAIN })).toEqual({
      kind: "tenant",
      tenant: ACCOUNT,
      source: "account",
    });
    expect(decideTenant({ tenant: PINNED }, { domainTenantId: DOMAIN })).toEqual({
      kind: "tenant",
      tenant: PINNED,
      source: "config",
    });
    expect(decideTenant({}, { domainTenantId: DOMAIN })).toEqual({
      kind: "tenant",
      tenant: DOMAIN,
      source: "domain",
    });
  });

  test("nothing known: organizations, never common", () => {
    expect(decideTenant({}, {})).toEqual({ kind: "tenant", tenant: "organizations", source: "default" });
    expect(decideTenant({}, { domainTenantId: "common" })).toEqual({
      kind: "tenant",
      tenant: "organizations",
      source: "default",
    });
  });

  test("a personal account has no organisation, whatever else is known", () => {
    expect(decideTenant({}, { accountType: "outlookCom", domainTenantId: DOMAIN })).toEqual({
      kind: "personal",
    });
  });

  test("an invalid hint is skipped, not trusted", () => {
    expect(decideTenant({}, { accountTenantId: "not a tenant", domainTenantId: DOMAIN })).toEqual({
      kind: "tenant",
      tenant: DOMAIN,
      source: "domain",
    });
  });
});
