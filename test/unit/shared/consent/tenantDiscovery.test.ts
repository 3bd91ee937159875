import {
  mailDomainOf,
  openIdConfigurationUrl,
  tenantFromOpenIdConfiguration,
} from "../../../../src/shared/consent/tenantDiscovery";
import { SIGN_IN_HOSTS } from "../../../../src/shared/consent/config";

const TENANT = "4f1c2b7e-9a3d-4e68-b5c1-7d2e8a90f3b6";
const PUBLIC = `https://${SIGN_IN_HOSTS.public}`;

describe("the mailbox's domain", () => {
  test.each([
    ["alexw@contoso.com", "contoso.com"],
    ["Alex.W@Sub.Contoso.CO.UK", "sub.contoso.co.uk"],
    ['"odd@name"@fabrikam.com', "fabrikam.com"],
  ])("%s -> %s", (email, domain) => expect(mailDomainOf(email)).toBe(domain));

  test.each([
    undefined,
    "",
    "alexw",
    "@contoso.com",
    "a@localhost",
    "a@contoso.com/x",
    "a@conto so.com",
    "a@1.2.3.4",
  ])("no usable domain in %p", (email) => expect(mailDomainOf(email)).toBeUndefined());
});

describe("the OpenID configuration address", () => {
  test("per cloud, under the sign-in host, the domain as one path segment", () => {
    expect(openIdConfigurationUrl(PUBLIC, "contoso.com")).toBe(
      "https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration",
    );
    expect(openIdConfigurationUrl(`https://${SIGN_IN_HOSTS.usgov}/`, "agency.gov")).toBe(
      "https://login.microsoftonline.us/agency.gov/v2.0/.well-known/openid-configuration",
    );
    expect(openIdConfigurationUrl(`https://${SIGN_IN_HOSTS.china}`, "contoso.cn")).toBe(
      "https://login.partner.microsoftonline.cn/contoso.cn/v2.0/.well-known/openid-configuration",
    );
  });
});

describe("the tenant in the answer", () => {
  const doc = (issuer: unknown) => ({ issuer, token_endpoint: "x" });

  test("the GUID of an issuer on the expected host, lower-cased", () => {
    expect(tenantFromOpenIdConfiguration(doc(`${PUBLIC}/${TENANT.toUpperCase()}/v2.0`), PUBLIC)).toBe(TENANT);
    expect(
      tenantFromOpenIdConfiguration(
        doc(`https://login.microsoftonline.us/${TENANT}/v2.0`),
        "https://login.microsoftonline.us",
      ),
    ).toBe(TENANT);
    expect(
      tenantFromOpenIdConfiguration(doc(`https://localhost:8443/${TENANT}/v2.0`), "https://localhost:8443"),
    ).toBe(TENANT);
  });

  test.each([
    ["another cloud's host", `https://login.microsoftonline.us/${TENANT}/v2.0`],
    ["a look-alike host", `https://login.microsoftonline.com.evil.example/${TENANT}/v2.0`],
    ["http", `http://login.microsoftonline.com/${TENANT}/v2.0`],
    ["a domain instead of a GUID", `${PUBLIC}/contoso.com/v2.0`],
    ["the personal-account tenant", `${PUBLIC}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0`],
    ["a v1 issuer", `https://sts.windows.net/${TENANT}/`],
    ["extra path", `${PUBLIC}/${TENANT}/v2.0/x`],
    ["a query", `${PUBLIC}/${TENANT}/v2.0?x=1`],
    ["user info", `https://a:b@login.microsoftonline.com/${TENANT}/v2.0`],
    ["not a URL", "contoso"],
    ["not a string", 42],
    ["too long", `${PUBLIC}/${TENANT}/v2.0${"/".repeat(300)}`],
  ])("refused: %s", (_name, issuer) => {
    expect(tenantFromOpenIdConfiguration(doc(issuer), PUBLIC)).toBeUndefined();
  });

  test.each([null, undefined, "text", [], {}])("refused: a document that is %p", (value) => {
    expect(tenantFromOpenIdConfiguration(value, PUBLIC)).toBeUndefined();
  });
});
