import { createConsentStateStore } from "../../../../src/shared/consent/adminConsentUrl";
import { parseConsentCallback } from "../../../../src/shared/consent/callback";
import { memoryStorage } from "./fakes";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SCOPE = encodeURIComponent(
  "https://graph.microsoft.com/Calendars.ReadWrite https://graph.microsoft.com/User.Read",
);

function setup() {
  const store = createConsentStateStore(memoryStorage());
  const state = store.issue("desktop-windows");
  return { store, state };
}

describe("parseConsentCallback", () => {
  test("success", () => {
    const { store, state } = setup();
    expect(
      parseConsentCallback(`?admin_consent=True&tenant=${TENANT}&scope=${SCOPE}&state=${state}`, store),
    ).toEqual({
      outcome: "granted",
      tenant: TENANT,
      appId: "desktop-windows",
    });
  });

  test("access_denied with AADSTS65004 (which also says admin_consent=True)", () => {
    const { store, state } = setup();
    const description = encodeURIComponent(
      "AADSTS65004: User declined to consent to access the app.\r\nTrace ID: x",
    );
    const search = `?error=access_denied&error_description=${description}&admin_consent=True&state=${state}`;
    expect(parseConsentCallback(search, store)).toEqual({
      outcome: "failed",
      error: "access_denied",
      description: "AADSTS65004: User declined to consent to access the app.\r\nTrace ID: x",
      aadsts: 65004,
      kind: "consentDeclined",
      appId: "desktop-windows",
    });
  });

  test("a non-admin on the consent page", () => {
    const { store, state } = setup();
    const description = encodeURIComponent("AADSTS90094: The grant requires admin permission.");
    expect(
      parseConsentCallback(`error=access_denied&error_description=${description}&state=${state}`, store),
    ).toMatchObject({
      outcome: "failed",
      kind: "adminConsentRequired",
      aadsts: 90094,
    });
  });

  test("wrong state", () => {
    const { store } = setup();
    const other = createConsentStateStore(memoryStorage()).issue("desktop-windows");
    expect(parseConsentCallback(`admin_consent=True&tenant=${TENANT}&state=${other}`, store)).toMatchObject({
      outcome: "invalid",
      code: "unknownState",
    });
  });

  test("reused state", () => {
    const { store, state } = setup();
    const search = `admin_consent=True&tenant=${TENANT}&state=${state}`;
    expect(parseConsentCallback(search, store).outcome).toBe("granted");
    expect(parseConsentCallback(search, store)).toMatchObject({ outcome: "invalid", code: "unknownState" });
  });

  test("missing state, even on a failure", () => {
    const { store } = setup();
    expect(parseConsentCallback(`admin_consent=True&tenant=${TENANT}`, store)).toMatchObject({
      outcome: "invalid",
      code: "missingState",
    });
    expect(parseConsentCallback("error=access_denied&state=", store)).toMatchObject({ code: "missingState" });
  });

  test.each([
    ["empty", "", "empty"],
    ["only a question mark", "?", "empty"],
    [
      "duplicate tenant",
      `admin_consent=True&tenant=${TENANT}&tenant=contoso.com&state=STATE`,
      "duplicateParameter",
    ],
    ["duplicate state", "admin_consent=True&state=STATE&state=STATE", "duplicateParameter"],
    ["duplicate error", "error=access_denied&error=server_error&state=STATE", "duplicateParameter"],
    ["missing admin_consent", `tenant=${TENANT}&state=STATE`, "missingField"],
    ["missing tenant", "admin_consent=True&state=STATE", "missingField"],
    ["admin_consent not true", `admin_consent=False&tenant=${TENANT}&state=STATE`, "badValue"],
    ["tenant a path", `admin_consent=True&tenant=..%2Fevil&state=STATE`, "badValue"],
    ["tenant common", `admin_consent=True&tenant=common&state=STATE`, "badValue"],
    ["tenant organizations", `admin_consent=True&tenant=organizations&state=STATE`, "badValue"],
    ["empty error", "error=&state=STATE", "badValue"],
  ])("malformed: %s", (_label, search, code) => {
    const { store, state } = setup();
    const result = parseConsentCallback(search.replaceAll("STATE", state), store);
    expect(result).toMatchObject({ outcome: "invalid", code });
    if (result.outcome === "invalid") expect(result.reason.length).toBeGreaterThan(10);
  });

  test("a malformed query does not use up the state", () => {
    const { store, state } = setup();
    parseConsentCallback(`admin_consent=True&state=${state}&state=${state}`, store);
    expect(parseConsentCallback(`admin_consent=True&tenant=contoso.com&state=${state}`, store)).toMatchObject(
      {
        outcome: "granted",
        tenant: "contoso.com",
      },
    );
  });
});
