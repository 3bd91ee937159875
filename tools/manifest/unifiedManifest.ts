/**
 * The unified manifest for Microsoft 365 (`manifest.json`), made from the XML manifest.
 *
 * manifest.xml stays the one source of truth: Outlook on the Mac and on phones read only the XML,
 * and the build writes manifest.json from the same (origin-rewritten) XML, so the two cannot
 * drift. What the JSON carries, and where it comes from:
 *
 * | manifest.json                          | from manifest.xml                                                  |
 * | -------------------------------------- | ------------------------------------------------------------------ |
 * | id, version (first three numbers)       | Id, Version                                                        |
 * | name, description, developer            | DisplayName, Description, ProviderName, SupportUrl                 |
 * | validDomains                            | AppDomains                                                         |
 * | authorization (resource-specific)       | Permissions (ReadWriteItem is MailboxItem.ReadWrite.User)          |
 * | extensions.requirements                 | the Mailbox requirement of the VersionOverrides Outlook reads      |
 * | runtimes and their actions              | FunctionFile + ExecuteFunction, ShowTaskpane, Runtimes + LaunchEvent |
 * | ribbons (meetingDetailsOrganizer)       | AppointmentOrganizerCommandSurface                                 |
 * | ribbons (onlineMeetingDetailsOrganizer) | MobileFormFactor's MobileOnlineMeetingCommandSurface               |
 * | autoRunEvents                           | LaunchEvent extension points                                       |
 *
 * Only what the XML cannot say comes from elsewhere: the schema version, the app-package icons and
 * accent colour (below), and the Entra app for `webApplicationInfo` (its client ID, from
 * config/addin-config.json or ADDIN_CLIENT_ID).
 */
import type { TeamsManifestV1D30 } from "@microsoft/app-manifest";
import { DOMParser } from "@xmldom/xmldom";
import type { Element as XmlElement } from "@xmldom/xmldom";
import {
  NS,
  attr,
  childElements,
  childrenNamed,
  descendants,
  firstChild,
  text,
  xsiType,
} from "./validateManifest";

export type UnifiedManifest = TeamsManifestV1D30.TeamsManifestV1D30;
type Extension = NonNullable<UnifiedManifest["extensions"]>[number];
type Runtime = NonNullable<Extension["runtimes"]>[number];
type Action = NonNullable<Runtime["actions"]>[number];
type Ribbon = NonNullable<Extension["ribbons"]>[number];
type Tab = Ribbon["tabs"][number];
type Group = NonNullable<Tab["groups"]>[number];
type Control = NonNullable<Group["controls"]>[number];
type MobileGroup = NonNullable<Tab["customMobileRibbonGroups"]>[number];
type MobileControl = MobileGroup["controls"][number];
type AutoRunEvents = NonNullable<Extension["autoRunEvents"]>[number];
type AutoRunEvent = NonNullable<AutoRunEvents["events"]>[number];
type SendMode = NonNullable<NonNullable<AutoRunEvent["options"]>["sendMode"]>;

export const UNIFIED_MANIFEST_VERSION = "1.30";
export const UNIFIED_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** App-package icons (paths relative to manifest.json): full colour 192 px, white outline 32 px. */
export const PACKAGE_ICONS = {
  color: "assets/icon-color-192.png",
  outline: "assets/icon-outline-32.png",
} as const;
export const PACKAGE_ICON_SIZES = { color: 192, outline: 32 } as const;
/** The blue of the add-in's icon. */
export const ACCENT_COLOR = "#2B6FD6";

/** XML LaunchEvent types on the appointment organizer form, their unified names and Mailbox sets. */
export const LAUNCH_EVENTS: Readonly<Record<string, { name: string; mailbox: string }>> = {
  OnNewAppointmentOrganizer: { name: "newAppointmentOrganizerCreated", mailbox: "1.10" },
  OnAppointmentTimeChanged: { name: "appointmentTimeChanged", mailbox: "1.11" },
  OnAppointmentAttendeesChanged: { name: "appointmentAttendeesChanged", mailbox: "1.11" },
  OnAppointmentRecurrenceChanged: { name: "appointmentRecurrenceChanged", mailbox: "1.11" },
  OnAppointmentSend: { name: "appointmentSending", mailbox: "1.12" },
};

const SEND_MODES: Readonly<Record<string, SendMode>> = {
  PromptUser: "promptUser",
  SoftBlock: "softBlock",
  Block: "block",
};

const PERMISSION_NAMES: Readonly<Record<string, string>> = {
  Restricted: "MailboxItem.Restricted.User",
  ReadItem: "MailboxItem.Read.User",
  ReadWriteItem: "MailboxItem.ReadWrite.User",
  ReadWriteMailbox: "Mailbox.ReadWrite.User",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UnifiedManifestOptions {
  /** The add-in's Entra app (client) ID; without one the manifest has no webApplicationInfo. */
  clientId?: string;
}

/** The XML cannot be turned into a unified manifest; the message names what is wrong. */
export class ManifestConversionError extends Error {
  override name = "ManifestConversionError";
}

interface Resources {
  images: Map<string, string>;
  urls: Map<string, string>;
  strings: Map<string, string>;
}

function parse(xml: string): XmlElement {
  const errors: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message.trim());
    },
  });
  let root: XmlElement | undefined;
  try {
    root = parser.parseFromString(xml, "text/xml").documentElement ?? undefined;
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  if (errors.length > 0 || root === undefined) {
    throw new ManifestConversionError(`manifest.xml is not well-formed: ${errors[0] ?? "no root element"}`);
  }
  if (root.localName !== "OfficeApp" || root.namespaceURI !== NS.officeApp || xsiType(root) !== "MailApp") {
    throw new ManifestConversionError(
      "manifest.xml is not a mail add-in manifest (OfficeApp xsi:type=MailApp)",
    );
  }
  return root;
}

function required(parent: XmlElement, name: string): XmlElement {
  const found = firstChild(parent, name);
  if (found === undefined)
    throw new ManifestConversionError(`manifest.xml has no ${name} in ${parent.tagName}`);
  return found;
}

function defaultValue(parent: XmlElement, name: string): string {
  const el = required(parent, name);
  const value = attr(el, "DefaultValue");
  if (value === undefined) throw new ManifestConversionError(`${name} in manifest.xml has no DefaultValue`);
  return value.trim();
}

/** The VersionOverrides Outlook reads: the innermost one. */
function versionOverrides(root: XmlElement): XmlElement {
  let vo = firstChild(root, "VersionOverrides");
  if (vo === undefined)
    throw new ManifestConversionError("manifest.xml has no VersionOverrides (no add-in commands)");
  for (
    let inner = firstChild(vo, "VersionOverrides");
    inner !== undefined;
    inner = firstChild(vo, "VersionOverrides")
  ) {
    vo = inner;
  }
  return vo;
}

function readResources(vo: XmlElement): Resources {
  const resources = required(vo, "Resources");
  const read = (group: string): Map<string, string> => {
    const map = new Map<string, string>();
    for (const list of childrenNamed(resources, group)) {
      for (const item of childElements(list)) {
        const id = attr(item, "id");
        const value = attr(item, "DefaultValue");
        if (id !== undefined && value !== undefined) map.set(id, value.trim());
      }
    }
    return map;
  };
  const strings = new Map([...read("ShortStrings"), ...read("LongStrings")]);
  return { images: read("Images"), urls: read("Urls"), strings };
}

class Converter {
  private readonly runtimes: Runtime[] = [];

  constructor(
    private readonly vo: XmlElement,
    private readonly res: Resources,
  ) {}

  private lookup(map: Map<string, string>, el: XmlElement, kind: string): string {
    const resid = attr(el, "resid") ?? "";
    const value = map.get(resid);
    if (value === undefined) {
      throw new ManifestConversionError(`resid "${resid}" of ${el.tagName} names no ${kind} in Resources`);
    }
    return value;
  }

  private str(el: XmlElement | undefined, what: string): string {
    if (el === undefined) throw new ManifestConversionError(`manifest.xml: ${what} is missing`);
    return this.lookup(this.res.strings, el, "string");
  }

  private url(el: XmlElement): string {
    return this.lookup(this.res.urls, el, "URL");
  }

  /** The runtime whose page is `page`, made on first use with the given id. */
  private runtimeFor(page: string, id: string): Runtime {
    const found = this.runtimes.find((runtime) => runtime.code.page === page);
    if (found !== undefined) return found;
    const runtime: Runtime = { id, type: "general", code: { page }, lifetime: "short", actions: [] };
    this.runtimes.push(runtime);
    return runtime;
  }

  private addAction(runtime: Runtime, action: Action): string {
    const actions = runtime.actions ?? (runtime.actions = []);
    if (!actions.some((existing) => existing.id === action.id)) actions.push(action);
    return action.id;
  }

  /** The action a desktop or mobile control runs, registered on its runtime; returns its id. */
  private actionOf(control: XmlElement, formFactor: XmlElement): string {
    const action = required(control, "Action");
    if (xsiType(action) === "ExecuteFunction") {
      const name = text(required(action, "FunctionName"));
      const page = this.url(required(formFactor, "FunctionFile"));
      return this.addAction(this.runtimeFor(page, "CommandsRuntime"), {
        id: name,
        type: "executeFunction",
        displayName: name,
      });
    }
    if (xsiType(action) === "ShowTaskpane") {
      const page = this.url(required(action, "SourceLocation"));
      return this.addAction(this.runtimeFor(page, "TaskpaneRuntime"), {
        id: "ShowTaskpane",
        type: "openPage",
      });
    }
    throw new ManifestConversionError(`control "${attr(control, "id") ?? ""}" has an action of unknown type`);
  }

  private icons(icon: XmlElement): Array<{ size: number; url: string; scale: number }> {
    return childrenNamed(icon, "Image").map((image) => ({
      size: Number(attr(image, "size")),
      scale: Number(attr(image, "scale") ?? "1"),
      url: this.lookup(this.res.images, image, "image"),
    }));
  }

  private desktopRibbon(point: XmlElement, formFactor: XmlElement): Ribbon {
    const tabs: Tab[] = childrenNamed(point, "OfficeTab").map((tab) => ({
      builtInTabId: attr(tab, "id") ?? "TabDefault",
      groups: childrenNamed(tab, "Group").map((group): Group => ({
        id: attr(group, "id") ?? "",
        label: this.str(firstChild(group, "Label"), "a group Label"),
        controls: childrenNamed(group, "Control").map((control): Control => {
          const supertip = required(control, "Supertip");
          return {
            id: attr(control, "id") ?? "",
            type: "button",
            label: this.str(firstChild(control, "Label"), "a control Label"),
            icons: this.icons(required(control, "Icon")).map(({ size, url }) => ({ size, url })),
            supertip: {
              title: this.str(firstChild(supertip, "Title"), "a Supertip Title"),
              description: this.str(firstChild(supertip, "Description"), "a Supertip Description"),
            },
            actionId: this.actionOf(control, formFactor),
          };
        }),
      })),
    }));
    return { requirements: { formFactors: ["desktop"] }, contexts: ["meetingDetailsOrganizer"], tabs };
  }

  private mobileRibbon(point: XmlElement, formFactor: XmlElement, groupLabel: string | undefined): Ribbon {
    const controls = childrenNamed(point, "Control").map((control): MobileControl => {
      const label = this.str(firstChild(control, "Label"), "the MobileButton Label");
      return {
        id: attr(control, "id") ?? "",
        type: "mobileButton",
        label,
        icons: this.icons(required(control, "Icon")).map(({ size, scale, url }) => ({ size, scale, url })),
        actionId: this.actionOf(control, formFactor),
      };
    });
    const first = controls[0];
    const group: MobileGroup = {
      id: `${first?.id ?? "mobile"}Group`,
      label: groupLabel ?? first?.label ?? "",
      controls,
    };
    return {
      requirements: { formFactors: ["mobile"] },
      contexts: ["onlineMeetingDetailsOrganizer"],
      tabs: [{ builtInTabId: "TabDefault", customMobileRibbonGroups: [group] }],
    };
  }

  /** LaunchEvent extension points: their handlers join the runtime they name; events grouped by Mailbox set. */
  private autoRunEvents(host: XmlElement): AutoRunEvents[] {
    const runtimes = new Map<string, XmlElement>();
    for (const runtime of descendants(host).filter((el) => el.localName === "Runtime")) {
      runtimes.set(attr(runtime, "resid") ?? "", runtime);
    }
    const bySet = new Map<string, AutoRunEvent[]>();
    const points = descendants(host).filter(
      (el) => el.localName === "ExtensionPoint" && xsiType(el) === "LaunchEvent",
    );
    for (const point of points) {
      const source = required(point, "SourceLocation");
      const page = this.url(source);
      const runtime = this.runtimeFor(page, "EventsRuntime");
      const script = runtimes.get(attr(source, "resid") ?? "");
      const override =
        script && childrenNamed(script, "Override").find((el) => attr(el, "type") === "javascript");
      if (override !== undefined) runtime.code.script = this.url(override);
      for (const event of descendants(point).filter((el) => el.localName === "LaunchEvent")) {
        const type = attr(event, "Type") ?? "";
        const known = LAUNCH_EVENTS[type];
        if (known === undefined) {
          throw new ManifestConversionError(
            `LaunchEvent Type "${type}" has no mapping to the unified manifest (known: ${Object.keys(LAUNCH_EVENTS).join(", ")})`,
          );
        }
        const functionName = attr(event, "FunctionName") ?? "";
        if (functionName === "")
          throw new ManifestConversionError(`LaunchEvent "${type}" has no FunctionName`);
        this.addAction(runtime, { id: functionName, type: "executeFunction", displayName: functionName });
        const entry: AutoRunEvent = { type: known.name, actionId: functionName };
        const sendMode = attr(event, "SendMode");
        if (sendMode !== undefined) {
          const mode = SEND_MODES[sendMode];
          if (mode === undefined)
            throw new ManifestConversionError(`LaunchEvent "${type}" has unknown SendMode "${sendMode}"`);
          entry.options = { sendMode: mode };
        }
        const list = bySet.get(known.mailbox) ?? [];
        list.push(entry);
        bySet.set(known.mailbox, list);
      }
    }
    return [...bySet.entries()]
      .sort(([a], [b]) => Number(a.split(".")[1]) - Number(b.split(".")[1]))
      .map(([minVersion, events]) => ({
        requirements: { capabilities: [{ name: "Mailbox", minVersion }] },
        events,
      }));
  }

  extension(mailbox: string): Extension {
    const host = descendants(required(this.vo, "Hosts")).find(
      (el) => el.localName === "Host" && xsiType(el) === "MailHost",
    );
    if (host === undefined)
      throw new ManifestConversionError("manifest.xml has no MailHost in VersionOverrides");
    const ribbons: Ribbon[] = [];
    const desktop = firstChild(host, "DesktopFormFactor");
    let groupLabel: string | undefined;
    if (desktop !== undefined) {
      for (const point of childrenNamed(desktop, "ExtensionPoint")) {
        if (xsiType(point) !== "AppointmentOrganizerCommandSurface") continue;
        const ribbon = this.desktopRibbon(point, desktop);
        groupLabel ??= ribbon.tabs[0]?.groups?.[0]?.label;
        ribbons.push(ribbon);
      }
    }
    const mobile = firstChild(host, "MobileFormFactor");
    if (mobile !== undefined) {
      for (const point of childrenNamed(mobile, "ExtensionPoint")) {
        if (xsiType(point) === "MobileOnlineMeetingCommandSurface") {
          ribbons.push(this.mobileRibbon(point, mobile, groupLabel));
        }
      }
    }
    const events = this.autoRunEvents(host);
    return {
      requirements: { scopes: ["mail"], capabilities: [{ name: "Mailbox", minVersion: mailbox }] },
      runtimes: this.runtimes,
      ribbons,
      ...(events.length > 0 ? { autoRunEvents: events } : {}),
    };
  }
}

/** The Mailbox MinVersion declared for the commands (VersionOverrides, else the base manifest). */
function mailboxVersion(root: XmlElement, vo: XmlElement): string {
  for (const holder of [vo, root]) {
    const sets = firstChild(firstChild(holder, "Requirements") ?? holder, "Sets");
    if (sets === undefined) continue;
    const set = childrenNamed(sets, "Set").find((el) => (attr(el, "Name") ?? "").toLowerCase() === "mailbox");
    if (set !== undefined) return attr(set, "MinVersion") ?? attr(sets, "DefaultMinVersion") ?? "1.1";
  }
  return "1.1";
}

/** "1.0.0.0" → "1.0.0": the unified manifest wants three numbers. */
function semver(version: string): string {
  const parts = version.split(".").map((part) => String(Number.parseInt(part, 10) || 0));
  while (parts.length < 3) parts.push("0");
  return parts.slice(0, 3).join(".");
}

/** The Application ID URI the README's Entra registration uses: api://{host}/{client ID}. */
export function entraResource(origin: string, clientId: string): string {
  return `api://${new URL(origin).host}/${clientId}`;
}

/** Builds manifest.json from manifest.xml (already carrying the deployment's origin). Throws on what cannot be converted. */
export function buildUnifiedManifest(xml: string, options: UnifiedManifestOptions = {}): UnifiedManifest {
  const root = parse(xml);
  const vo = versionOverrides(root);
  const res = readResources(vo);
  const id = text(required(root, "Id"));
  const displayName = defaultValue(root, "DisplayName");
  const description = defaultValue(root, "Description");
  const supportUrl = defaultValue(root, "SupportUrl");
  const permission = text(required(root, "Permissions"));
  const permissionName = PERMISSION_NAMES[permission];
  if (permissionName === undefined) throw new ManifestConversionError(`unknown Permissions "${permission}"`);
  const appDomains = descendants(root)
    .filter((el) => el.localName === "AppDomain")
    .map((el) => text(el));

  const manifest: UnifiedManifest = {
    $schema: UNIFIED_SCHEMA_URL,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    id,
    version: semver(text(required(root, "Version"))),
    localizationInfo: { defaultLanguageTag: text(required(root, "DefaultLocale")) },
    name: { short: displayName, full: displayName },
    description: { short: description, full: description },
    developer: {
      name: text(required(root, "ProviderName")),
      websiteUrl: supportUrl,
      privacyUrl: supportUrl,
      termsOfUseUrl: supportUrl,
    },
    icons: { ...PACKAGE_ICONS },
    accentColor: ACCENT_COLOR,
    validDomains: appDomains,
    authorization: { permissions: { resourceSpecific: [{ name: permissionName, type: "Delegated" }] } },
    extensions: [new Converter(vo, res).extension(mailboxVersion(root, vo))],
  };
  const clientId = options.clientId?.trim() ?? "";
  if (clientId !== "") {
    if (!GUID.test(clientId))
      throw new ManifestConversionError(`the add-in's client ID "${clientId}" is not a GUID`);
    manifest.webApplicationInfo = { id: clientId, resource: entraResource(supportUrl, clientId) };
  }
  return manifest;
}

/** manifest.json's text as the build writes it. */
export function unifiedManifestText(xml: string, options: UnifiedManifestOptions = {}): string {
  return `${JSON.stringify(buildUnifiedManifest(xml, options), null, 2)}\n`;
}
