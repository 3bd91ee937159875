/**
 * manifest.json made from manifest.xml: the same ids, names, icons and origin; the pane and the
 * command on the organizer surface; the mobile online-meeting button; autoRunEvents from any
 * LaunchEvents; webApplicationInfo for the Entra app. And the check that a built manifest.json
 * still matches its manifest.xml.
 */
import AdmZip from "adm-zip";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { APP_PACKAGE, buildAppPackage, readAppPackage } from "../../../../tools/manifest/appPackage";
import {
  LAUNCH_EVENTS,
  ManifestConversionError,
  buildUnifiedManifest,
  unifiedManifestText,
} from "../../../../tools/manifest/unifiedManifest";
import {
  checkAppPackage,
  checkUnifiedManifest,
  configuredClientId,
} from "../../../../tools/manifest/unifiedCheck";
import { validateUnifiedManifest } from "../../../../tools/manifest/validateUnified";
import { ASSETS, ORIGIN, ROOT, copyOfAssets, mutate, tempDir } from "./fixtures";

const MANIFEST = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const CLIENT_ID = "0b5e6c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
const clean = { assetDir: ASSETS, origin: ORIGIN, packageDir: ROOT };

/** Every value of the given key anywhere in a JSON tree. */
function valuesOf(tree: unknown, key: string): unknown[] {
  if (Array.isArray(tree)) return tree.flatMap((item) => valuesOf(item, key));
  if (typeof tree !== "object" || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

/** Attribute values in the XML, e.g. every `id="…"`. */
function xmlAttributes(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => m[1] ?? "");
}

const RUNTIMES = /\s*(<!--[^>]*-->\s*)?<Runtimes>[\s\S]*?<\/Runtimes>/;
const LAUNCH_POINT = /\s*(<!--[^>]*-->\s*)?<ExtensionPoint xsi:type="LaunchEvent">[\s\S]*?<\/ExtensionPoint>/;

/** The project's manifest without event-based activation. */
function withoutLaunchEvents(): string {
  const xml = MANIFEST.replace(RUNTIMES, "").replace(LAUNCH_POINT, "");
  expect(xml).not.toMatch(/<LaunchEvent|<Runtimes/);
  return xml;
}

/** The project's manifest with the event handlers in the commands page's runtime. */
function eventsInCommandsRuntime(): string {
  const xml = mutate(MANIFEST, '<Runtime resid="Events.Url">', '<Runtime resid="Commands.Url">');
  return mutate(xml, '<SourceLocation resid="Events.Url"/>', '<SourceLocation resid="Commands.Url"/>');
}

describe("manifest.json from the project's manifest.xml", () => {
  const json = buildUnifiedManifest(MANIFEST, { clientId: CLIENT_ID });

  it("passes the unified checks: schema, URLs, icons, references", () => {
    expect(validateUnifiedManifest(json, clean)).toEqual([]);
  });

  it("carries the XML's id, names, icons and control ids", () => {
    expect(json.id).toBe(/<Id>([^<]+)<\/Id>/.exec(MANIFEST)?.[1]);
    expect(json.version).toBe("1.0.0");
    expect(json.name.short).toBe(/<DisplayName DefaultValue="([^"]+)"/.exec(MANIFEST)?.[1]);
    expect(json.description.full).toBe(/<Description DefaultValue="([^"]+)"/.exec(MANIFEST)?.[1]);
    const xmlImages = [...MANIFEST.matchAll(/<bt:Image id="[^"]+" DefaultValue="([^"]+)"/g)].map((m) => m[1]);
    const jsonIcons = valuesOf(json.extensions, "url");
    expect(new Set(jsonIcons)).toEqual(new Set(xmlImages));
    const controls = valuesOf(json.extensions?.[0]?.ribbons, "controls").flat() as Array<{ id: string }>;
    expect(controls.map((c) => c.id).sort()).toEqual(
      [
        ...new Set(
          xmlAttributes(MANIFEST, "id").filter((id) => id.startsWith("bjn") && id.endsWith("Button")),
        ),
      ].sort(),
    );
    expect(json.authorization?.permissions?.resourceSpecific).toEqual([
      { name: "MailboxItem.ReadWrite.User", type: "Delegated" },
    ]);
  });

  it("puts the pane and the one function command on the organizer surface, the function on mobile", () => {
    const ext = json.extensions?.[0];
    const [desktop, mobile] = ext?.ribbons ?? [];
    expect(desktop?.contexts).toEqual(["meetingDetailsOrganizer"]);
    expect(desktop?.tabs[0]?.groups?.[0]?.controls?.map((c) => c.actionId)).toEqual([
      "ShowTaskpane",
      "addBlueJeansMeeting",
    ]);
    expect(mobile?.contexts).toEqual(["onlineMeetingDetailsOrganizer"]);
    expect(mobile?.requirements?.formFactors).toEqual(["mobile"]);
    const button = mobile?.tabs[0]?.customMobileRibbonGroups?.[0]?.controls[0];
    expect(button?.actionId).toBe("addBlueJeansMeeting");
    expect(button?.icons).toHaveLength(9);
    const runtimes = buildUnifiedManifest(withoutLaunchEvents()).extensions?.[0]?.runtimes;
    expect(runtimes?.map((r) => [r.id, r.code.page, r.actions?.map((a) => `${a.id}:${a.type}`)])).toEqual([
      ["TaskpaneRuntime", `${ORIGIN}/taskpane.html`, ["ShowTaskpane:openPage"]],
      ["CommandsRuntime", `${ORIGIN}/commands.html`, ["addBlueJeansMeeting:executeFunction"]],
    ]);
  });

  it("webApplicationInfo names the Entra app and its Application ID URI on the origin's host", () => {
    expect(json.webApplicationInfo).toEqual({ id: CLIENT_ID, resource: `api://localhost:3000/${CLIENT_ID}` });
    expect(buildUnifiedManifest(MANIFEST).webApplicationInfo).toBeUndefined();
    expect(() => buildUnifiedManifest(MANIFEST, { clientId: "not-a-guid" })).toThrow(ManifestConversionError);
  });

  it("follows the origin the build writes into manifest.xml, and nothing of the old one stays", () => {
    const origin = "https://addins.example.org/bluejeans";
    const built = buildUnifiedManifest(MANIFEST.split(ORIGIN).join(origin), { clientId: CLIENT_ID });
    const text = JSON.stringify(built);
    expect(text).not.toContain("localhost");
    expect(built.webApplicationInfo?.resource).toBe(`api://addins.example.org/${CLIENT_ID}`);
    expect(built.developer.websiteUrl).toBe(`${origin}/support.html`);
    expect(validateUnifiedManifest(built, { origin, packageDir: ROOT })).toEqual([]);
  });
});

describe("LaunchEvents become autoRunEvents", () => {
  it("a manifest without LaunchEvents has no autoRunEvents", () => {
    const json = buildUnifiedManifest(withoutLaunchEvents());
    expect(json.extensions?.[0]?.autoRunEvents).toBeUndefined();
    expect(validateUnifiedManifest(json, clean)).toEqual([]);
  });

  it.each(["Events.Url", "Commands.Url"] as const)(
    "every organizer event maps to its unified name, grouped by Mailbox set (runtime %s)",
    (resid) => {
      const xml = resid === "Events.Url" ? MANIFEST : eventsInCommandsRuntime();
      const json = buildUnifiedManifest(xml, { clientId: CLIENT_ID });
      const ext = json.extensions?.[0];
      expect(ext?.autoRunEvents).toEqual([
        {
          requirements: { capabilities: [{ name: "Mailbox", minVersion: "1.10" }] },
          events: [{ type: "newAppointmentOrganizerCreated", actionId: "onNewAppointment" }],
        },
        {
          requirements: { capabilities: [{ name: "Mailbox", minVersion: "1.11" }] },
          events: [
            { type: "appointmentTimeChanged", actionId: "onTimeChanged" },
            { type: "appointmentAttendeesChanged", actionId: "onAttendeesChanged" },
            { type: "appointmentRecurrenceChanged", actionId: "onRecurrenceChanged" },
          ],
        },
        {
          requirements: { capabilities: [{ name: "Mailbox", minVersion: "1.12" }] },
          events: [
            { type: "appointmentSending", actionId: "onAppointmentSend", options: { sendMode: "softBlock" } },
          ],
        },
      ]);
      const page = resid === "Events.Url" ? `${ORIGIN}/events.html` : `${ORIGIN}/commands.html`;
      const runtime = ext?.runtimes?.find((r) => r.code.page === page);
      expect(runtime?.code.script).toBe(`${ORIGIN}/events.js`);
      expect(runtime?.actions?.map((a) => a.id)).toEqual(
        expect.arrayContaining(["onNewAppointment", "onTimeChanged", "onAppointmentSend"]),
      );
      expect(ext?.runtimes).toHaveLength(resid === "Events.Url" ? 3 : 2);
      expect(validateUnifiedManifest(json, clean)).toEqual([]);
    },
  );

  it("covers exactly the events the notes list", () => {
    expect(Object.fromEntries(Object.entries(LAUNCH_EVENTS).map(([k, v]) => [k, v.name]))).toEqual({
      OnNewAppointmentOrganizer: "newAppointmentOrganizerCreated",
      OnAppointmentTimeChanged: "appointmentTimeChanged",
      OnAppointmentAttendeesChanged: "appointmentAttendeesChanged",
      OnAppointmentRecurrenceChanged: "appointmentRecurrenceChanged",
      OnAppointmentSend: "appointmentSending",
    });
  });

  it("an event it cannot map stops the build with its name", () => {
    const xml = MANIFEST.replace("OnAppointmentTimeChanged", "OnMessageRecipientsChanged");
    expect(() => buildUnifiedManifest(xml)).toThrow(/"OnMessageRecipientsChanged" has no mapping/);
  });

  it("a resid that names nothing stops the build", () => {
    const desktop = "<DesktopFormFactor>\n            ";
    const xml = mutate(
      MANIFEST,
      `${desktop}<FunctionFile resid="Commands.Url"/>`,
      `${desktop}<FunctionFile resid="Nowhere.Url"/>`,
    );
    expect(() => buildUnifiedManifest(xml)).toThrow(
      'resid "Nowhere.Url" of FunctionFile names no URL in Resources',
    );
  });
});

describe("the validate step's unified half", () => {
  it("makes manifest.json in memory beside the source manifest.xml", () => {
    const result = checkUnifiedManifest(join(ROOT, "manifest.xml"), MANIFEST, {
      assetDir: ASSETS,
      origin: ORIGIN,
      root: ROOT,
    });
    expect(result).toEqual({ label: "manifest.json (made from manifest.xml)", problems: [] });
  });

  it("finds a built manifest.json that no longer matches its manifest.xml", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "manifest.xml"), MANIFEST);
    const json = buildUnifiedManifest(MANIFEST, { clientId: CLIENT_ID });
    writeFileSync(join(dir, "manifest.json"), unifiedManifestText(MANIFEST, { clientId: CLIENT_ID }));
    const options = { assetDir: ASSETS, origin: ORIGIN, root: ROOT };
    // The package icons resolve beside manifest.json: the temp folder has none.
    const missingIcons = checkUnifiedManifest(join(dir, "manifest.xml"), MANIFEST, options).problems;
    expect(missingIcons.map((p) => p.path)).toEqual(["/icons/color", "/icons/outline", "/"]);
    expect(missingIcons[2]?.message).toBe(
      "bluejeans-for-outlook.zip is missing beside manifest.json: rebuild",
    );

    json.name.short = "BlueJeans (edited)";
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(json));
    const problems = checkUnifiedManifest(join(dir, "manifest.xml"), MANIFEST, options).problems;
    expect(problems).toContainEqual({
      path: "/name/short",
      message: "differs from what manifest.xml gives: rebuild instead of editing manifest.json",
    });
    writeFileSync(join(dir, "manifest.json"), "{ not json");
    expect(checkUnifiedManifest(join(dir, "manifest.xml"), MANIFEST, options).problems).toEqual([
      { path: "/", message: expect.stringContaining("not valid JSON") },
    ]);
  });

  it("takes the client ID from ADDIN_CLIENT_ID, else from the pane's configuration", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "config.json"), JSON.stringify({ clientId: ` ${CLIENT_ID} ` }));
    expect(configuredClientId(dir, { ADDIN_CONFIG_FILE: "config.json" })).toBe(CLIENT_ID);
    expect(configuredClientId(dir, { ADDIN_CONFIG_FILE: "config.json", ADDIN_CLIENT_ID: "x" })).toBe("x");
    expect(configuredClientId(dir, {})).toBe("");
    expect(configuredClientId(ROOT, {})).toBe("");
  });
});

describe("the app package (bluejeans-for-outlook.zip)", () => {
  const text = unifiedManifestText(MANIFEST, { clientId: CLIENT_ID });
  const read = (path: string) => readFileSync(join(ROOT, ...path.split("/")));

  /** A built folder: manifest.xml, manifest.json, assets/ and the zip as given. */
  function built(zip: Buffer): string {
    const dir = dirname(copyOfAssets());
    writeFileSync(join(dir, "manifest.xml"), MANIFEST);
    writeFileSync(join(dir, "manifest.json"), text);
    writeFileSync(join(dir, APP_PACKAGE), zip);
    return dir;
  }
  const check = (dir: string) =>
    checkUnifiedManifest(join(dir, "manifest.xml"), MANIFEST, {
      assetDir: ASSETS,
      origin: ORIGIN,
      root: ROOT,
    });

  it("holds manifest.json and its two package icons, byte for byte, and passes", () => {
    const files = readAppPackage(buildAppPackage(text, read));
    expect([...files.keys()].sort()).toEqual([
      "assets/icon-color-192.png",
      "assets/icon-outline-32.png",
      "manifest.json",
    ]);
    expect(files.get("manifest.json")?.toString("utf8")).toBe(text);
    expect(files.get("assets/icon-color-192.png")?.equals(read("assets/icon-color-192.png"))).toBe(true);
    expect(check(built(buildAppPackage(text, read))).problems).toEqual([]);
  });

  it("a stale manifest inside, an icon missing, a stray file, or no zip at all are each reported", () => {
    const stale = buildAppPackage(text.replace("BlueJeans for Outlook", "BlueJeans"), read);
    expect(check(built(stale)).problems).toEqual([
      {
        path: "/",
        message: "manifest.json in bluejeans-for-outlook.zip differs from the one beside it: rebuild",
      },
    ]);
    const zip = new AdmZip(buildAppPackage(text, read));
    zip.deleteFile("assets/icon-outline-32.png");
    zip.addFile("notes.txt", Buffer.from("hello"));
    expect(checkAppPackage(built(zip.toBuffer()), text)).toEqual([
      { path: "/", message: "bluejeans-for-outlook.zip lacks assets/icon-outline-32.png" },
      { path: "/", message: "bluejeans-for-outlook.zip holds notes.txt, which manifest.json does not name" },
    ]);
    expect(checkAppPackage(built(Buffer.from("not a zip")), text)).toEqual([
      { path: "/", message: expect.stringContaining("bluejeans-for-outlook.zip is not a zip") },
    ]);
  });
});
