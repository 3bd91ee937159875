import { CONSENT_ERROR_KINDS } from "../../../../src/shared/consent/classify";
import {
  adminMailto,
  CONSENT_ADMIN_ROLE_IDS,
  integratedAppsGuidance,
  isConsentAdmin,
  remedyFor,
} from "../../../../src/shared/consent/remedies";
import type { RemedyAction } from "../../../../src/shared/consent/remedies";

const ADMIN_ONLY: RemedyAction[] = ["adminConsentLink", "openAdminView", "integratedAppsGuidance"];
const ORG_ACTIONS: RemedyAction[] = [...ADMIN_ONLY, "copyLink", "emailAdmin"];

describe("remedyFor", () => {
  test.each(
    CONSENT_ERROR_KINDS.flatMap((kind) => (["unknown", true, false] as const).map((a) => [kind, a] as const)),
  )("%s (isAdmin %s) has words and at least one action", (kind, isAdmin) => {
    const remedy = remedyFor(kind, { isAdmin, personalAccount: false });
    for (const text of [remedy.title, remedy.whatHappened, remedy.whoCanFix, remedy.whatToDo]) {
      expect(text.trim().length).toBeGreaterThan(5);
      expect(text).not.toMatch(/AADSTS|MSAL|undefined/);
    }
    expect(remedy.actions.length).toBeGreaterThan(0);
    expect(new Set(remedy.actions).size).toBe(remedy.actions.length);
  });

  test("admin consent: an admin gets the link, a user gets copy and e-mail", () => {
    expect(remedyFor("adminConsentRequired", { isAdmin: true, personalAccount: false }).actions).toEqual([
      "adminConsentLink",
      "openAdminView",
      "integratedAppsGuidance",
      "retry",
    ]);
    const user = remedyFor("adminConsentRequired", { isAdmin: false, personalAccount: false }).actions;
    expect(user).toEqual(["emailAdmin", "copyLink", "retry"]);
    const unknown = remedyFor("adminConsentRequired", { isAdmin: "unknown", personalAccount: false }).actions;
    expect(unknown).toEqual(expect.arrayContaining(["adminConsentLink", "copyLink", "emailAdmin"]));
  });

  test("declined and cancelled offer a retry and the admin link", () => {
    for (const kind of ["consentDeclined", "cancelled"] as const) {
      const actions = remedyFor(kind, { isAdmin: "unknown", personalAccount: false }).actions;
      expect(actions[0]).toBe("retry");
      expect(actions).toContain("adminConsentLink");
    }
  });

  test("blocked by policy: no retry loop, the correlation id", () => {
    expect(remedyFor("blockedByPolicy", { isAdmin: false, personalAccount: false }).actions).toEqual([
      "showCorrelationId",
    ]);
  });

  test("unknown: retry, correlation id and the admin link", () => {
    expect(remedyFor("unknown", { isAdmin: true, personalAccount: false }).actions).toEqual(
      expect.arrayContaining(["retry", "showCorrelationId", "adminConsentLink"]),
    );
  });

  test("popups and interaction", () => {
    expect(remedyFor("popupBlocked", { isAdmin: false, personalAccount: false }).actions).toContain(
      "allowPopups",
    );
    expect(remedyFor("interactionRequired", { isAdmin: false, personalAccount: false }).actions).toEqual([
      "signInPopup",
    ]);
    expect(remedyFor("wrongAccount", { isAdmin: false, personalAccount: false }).actions).toContain(
      "useWorkAccount",
    );
  });

  test.each(CONSENT_ERROR_KINDS)("personal account, %s: no admin actions, use a work account", (kind) => {
    const remedy = remedyFor(kind, { isAdmin: true, personalAccount: true });
    expect(remedy.actions.filter((a) => ORG_ACTIONS.includes(a))).toEqual([]);
    expect(remedy.actions).toContain("useWorkAccount");
  });
});

describe("integratedAppsGuidance", () => {
  test("the 2019 path, today's Entra paths and today's Integrated apps", () => {
    const sections = integratedAppsGuidance();
    expect(sections.map((s) => s.id)).toEqual([
      "seedGuide2019",
      "entraUserConsent",
      "entraAdminConsentRequests",
      "entraGrantPerApp",
      "m365IntegratedApps",
    ]);
    const [seed, userConsent, requests, , deploy] = sections;
    expect(seed?.steps.join(" ")).toContain("Settings > Services & add-ins > Integrated Apps");
    expect(userConsent?.steps.join(" ")).toContain(
      "Enterprise apps > Consent and permissions > User consent settings",
    );
    expect(userConsent?.options?.map((o) => o.label)).toEqual([
      "Do not allow user consent",
      "Allow user consent for apps from verified publishers, for selected permissions",
      "Allow user consent for apps",
    ]);
    expect(requests?.steps.join(" ")).toContain("Admin consent settings");
    expect(deploy?.steps.join(" ")).toContain("Settings > Integrated apps");
    expect(deploy?.available).toBe(true);
  });

  test("Integrated apps deployment is not offered in sovereign clouds", () => {
    expect(
      integratedAppsGuidance({ cloud: "usgov" }).find((s) => s.id === "m365IntegratedApps")?.available,
    ).toBe(false);
    expect(integratedAppsGuidance({ cloud: "china" }).filter((s) => s.available)).toHaveLength(4);
  });
});

describe("adminMailto", () => {
  const links = [
    {
      appName: "BlueJeans for Mac (2.11 or later)",
      url: "https://login.microsoftonline.com/organizations/v2.0/adminconsent?client_id=0d3b6a2e-8c1f-4b7a-9e2d-5f6a7b8c9d0e&scope=https%3A%2F%2Fgraph.microsoft.com%2FCalendars.ReadWrite%20offline_access&state=a_b-c",
    },
    {
      appName: "BlueJeans Events",
      url: "https://login.microsoftonline.com/contoso.com/v2.0/adminconsent?x=1&y=2#z",
    },
  ];

  function decode(mailto: string) {
    const match = /^mailto:([^?]*)\?subject=([^&]*)&body=([^&]*)$/.exec(mailto);
    if (!match) throw new Error(`not a mailto with subject and body: ${mailto}`);
    const [, to = "", subject = "", body = ""] = match;
    return {
      to: decodeURIComponent(to),
      subject: decodeURIComponent(subject),
      body: decodeURIComponent(body),
    };
  }

  test("encodes everything and decodes back to the same text", () => {
    const mailto = adminMailto({
      adminEmail: "it-admins+bj@contoso.com",
      links,
      requesterName: "Zoë O'Brien & Co",
    });
    expect(mailto).toMatch(/^mailto:it-admins%2Bbj@contoso\.com\?subject=/);
    expect(mailto).not.toMatch(/[\s#]/);
    expect(mailto).toContain("%0D%0A");
    const { to, subject, body } = decode(mailto);
    expect(to).toBe("it-admins+bj@contoso.com");
    expect(subject).toBe("Please approve BlueJeans for Outlook calendars");
    const lines = body.split("\r\n");
    expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines[0]).toBe("Hello,");
    expect(lines[2]).toMatch(
      /^Zoë O'Brien & Co would like to use BlueJeans with Outlook\..*read and update Outlook calendars/,
    );
    expect(lines[2]).toContain("each link");
    expect(lines).toContain(`BlueJeans for Mac (2.11 or later): ${links[0]?.url}`);
    expect(lines).toContain(`BlueJeans Events: ${links[1]?.url}`);
    expect(lines[lines.length - 1]).toBe("Zoë O'Brien & Co");
  });

  test("without an address, the mail client asks for one", () => {
    const mailto = adminMailto({ links: links.slice(0, 1), requesterName: "" });
    expect(mailto.startsWith("mailto:?subject=")).toBe(true);
    const { body } = decode(mailto);
    expect(body).toContain("A colleague would like");
    expect(body).toContain("the link below");
  });

  test("line breaks in names cannot add lines", () => {
    const { body } = decode(adminMailto({ links, requesterName: "Eve\r\nBcc: x@evil.com" }));
    expect(body).toContain("Eve Bcc: x@evil.com would like");
  });

  test.each([
    "not an address",
    "a@b.com,c@d.com",
    "a@b.com?cc=c@d.com",
    "x@localhost",
    "a b@c.com",
    "@c.com",
  ])("refuses admin address %j", (adminEmail) => {
    expect(() => adminMailto({ adminEmail, links, requesterName: "A" })).toThrow(/adminEmail/);
  });

  test("needs at least one link", () => {
    expect(() => adminMailto({ links: [], requesterName: "A" })).toThrow(/links/);
  });
});

describe("isConsentAdmin", () => {
  test.each(CONSENT_ADMIN_ROLE_IDS)("role %s can consent", (id) => {
    expect(isConsentAdmin(["b79fbf4d-3ef9-4689-8143-76b194e85509", id])).toBe(true);
    expect(isConsentAdmin([id.toUpperCase()])).toBe(true);
  });

  test("other roles or none: not an admin", () => {
    expect(isConsentAdmin(["b79fbf4d-3ef9-4689-8143-76b194e85509"])).toBe(false);
    expect(isConsentAdmin([])).toBe(false);
  });

  test("no claim: unknown", () => {
    expect(isConsentAdmin(undefined)).toBe("unknown");
    expect(isConsentAdmin(null)).toBe("unknown");
    expect(isConsentAdmin()).toBe("unknown");
  });
});
