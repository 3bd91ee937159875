/** @jest-environment jsdom */
import { createConsentStateStore } from "../../../../src/shared/consent/adminConsentUrl";
import type { LoadedConfig } from "../../../../src/addin/signin/loadConfig";
import { parseConfig } from "../../../../src/shared/consent/config";
import type { DialogChildPort } from "../../../../src/addin/host/ports";
import { CONSENT_NOTICE_KEY, runConsentCallback } from "../../../../src/addin/pages/consent-callback/index";
import { describeCallback } from "../../../../src/addin/pages/consent-callback/view";
import devConfig from "../../../../dev/addin-config.dev.json";
import { memoryStorage } from "../../shared/consent/fakes";

const TENANT = "4f1c2b7e-9a3d-4e68-b5c1-7d2e8a90f3b6";

function loaded(): LoadedConfig {
  const parsed = parseConfig(devConfig);
  if (!parsed.ok) throw new Error("dev config");
  return { ok: true, config: parsed.config };
}

function setup(office?: DialogChildPort) {
  document.body.innerHTML = '<main id="root"><p>Reading…</p></main>';
  const storage = memoryStorage();
  const state = createConsentStateStore(storage).issue("events");
  const cleared: string[] = [];
  const run = (search: string) =>
    runConsentCallback({
      doc: document,
      search,
      storage,
      loadConfig: async () => loaded(),
      ...(office ? { office } : {}),
      now: () => 1234,
      clearAddress: () => cleared.push("cleared"),
    });
  return { storage, state, run, cleared };
}

const text = () => document.getElementById("root")?.textContent ?? "";
const heading = () => document.querySelector("h1")?.textContent;

function fakeOffice(ready: boolean) {
  const sent: string[] = [];
  const office: DialogChildPort = {
    ready: async () => ready,
    messageParent: async (m) => void sent.push(m),
  };
  return { office, sent };
}

describe("consent callback page", () => {
  test("granted: names the app and the organisation, tells the pane through storage and messageParent", async () => {
    const { office, sent } = fakeOffice(true);
    const { storage, state, run, cleared } = setup(office);
    const result = await run(`?admin_consent=True&tenant=${TENANT}&scope=x&state=${state}`);
    expect(result).toEqual({ outcome: "granted", tenant: TENANT, appId: "events" });
    expect(heading()).toBe("BlueJeans Events is approved");
    expect(text()).toContain(TENANT);
    const notice = { type: "bluejeans-consent", outcome: "granted", at: 1234, appId: "events" };
    expect(JSON.parse(storage.getItem(CONSENT_NOTICE_KEY) ?? "null")).toEqual(notice);
    expect(sent.map((m) => JSON.parse(m))).toEqual([notice]);
    expect(cleared).toEqual(["cleared"]);
    expect(document.activeElement).toBe(document.querySelector("h1"));
  });

  test("declined by the administrator (AADSTS65004): what it means, details shown as text", async () => {
    const { state, run } = setup();
    const description = encodeURIComponent("AADSTS65004: <img src=x onerror=alert(1)> declined");
    await run(`?error=access_denied&error_description=${description}&admin_consent=True&state=${state}`);
    expect(heading()).toBe("BlueJeans Events was not approved");
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector('[data-testid="consent-details"]')?.textContent).toBe(
      "access_denied: AADSTS65004: <img src=x onerror=alert(1)> declined",
    );
  });

  test("a state this browser did not issue: not trusted, with what to do", async () => {
    const { run, storage } = setup();
    const result = await run(`?admin_consent=True&tenant=${TENANT}&state=${"A".repeat(43)}`);
    expect(result).toMatchObject({ outcome: "invalid", code: "unknownState" });
    expect(heading()).toBe("This result cannot be confirmed here");
    expect(text()).toContain("Check Microsoft 365 access");
    expect(JSON.parse(storage.getItem(CONSENT_NOTICE_KEY) ?? "null")).toMatchObject({ outcome: "invalid" });
  });

  test("a state can be used once: a reload shows 'cannot be confirmed'", async () => {
    const { state, run } = setup();
    await run(`?admin_consent=True&tenant=${TENANT}&state=${state}`);
    await run(`?admin_consent=True&tenant=${TENANT}&state=${state}`);
    expect(heading()).toBe("This result cannot be confirmed here");
  });

  test.each([
    [
      "duplicated parameter",
      (s: string) => `?admin_consent=True&tenant=${TENANT}&tenant=${TENANT}&state=${s}`,
    ],
    [
      "invalid tenant",
      (s: string) => `?admin_consent=True&tenant=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=${s}`,
    ],
    ["admin_consent missing", (s: string) => `?tenant=${TENANT}&state=${s}`],
  ])("malformed (%s): 'could not be read', no markup from the address", async (_name, query) => {
    const { state, run } = setup();
    const result = await run(query(state));
    expect(result.outcome).toBe("invalid");
    expect(heading()).toBe("This result could not be read");
    expect(document.querySelector("script")).toBeNull();
  });

  test("opened without a result: says so, and does not disturb the pane", async () => {
    const { office, sent } = fakeOffice(true);
    const { run, storage } = setup(office);
    await run("");
    expect(heading()).toBe("No approval result here");
    expect(storage.getItem(CONSENT_NOTICE_KEY)).toBeNull();
    expect(sent).toHaveLength(1);
  });

  test("outside an Office dialog: no messageParent, and a refusing one is harmless", async () => {
    const notReady = fakeOffice(false);
    const { state, run } = setup(notReady.office);
    await run(`?admin_consent=True&tenant=${TENANT}&state=${state}`);
    expect(notReady.sent).toEqual([]);

    const throwing: DialogChildPort = {
      ready: async () => true,
      messageParent: async () => {
        throw new Error("not in a dialog");
      },
    };
    const again = setup(throwing);
    await expect(
      again.run(`?admin_consent=True&tenant=${TENANT}&state=${again.state}`),
    ).resolves.toMatchObject({
      outcome: "granted",
    });
  });

  test("every failure class has words of its own, never an empty heading", () => {
    const kinds = [
      "consentDeclined",
      "adminConsentRequired",
      "wrongAccount",
      "blockedByPolicy",
      "appNotInTenant",
      "unknown",
    ] as const;
    const headings = kinds.map(
      (kind) =>
        describeCallback(
          { outcome: "failed", error: "e", description: "d", kind, appId: "events" },
          "BlueJeans Events",
        ).heading,
    );
    expect(new Set(headings).size).toBe(kinds.length);
  });
});
