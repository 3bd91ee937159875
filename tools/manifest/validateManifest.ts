/**
 * Offline checks for the add-in only (XML) manifest of an Outlook mail add-in.
 *
 * Microsoft's own validator (`office-addin-manifest validate`) needs a web service, so this module
 * checks what can be checked locally: well-formed XML, the MailApp root and namespaces, element
 * order and required elements, resid references, unique ids, string lengths, https URLs on the
 * add-in origin, icon files and their pixel sizes, the single function command on the appointment
 * organizer surface, and that the declared Mailbox requirement set covers the APIs the code calls.
 *
 * Every problem names the element it is about with a path such as
 * `/OfficeApp/VersionOverrides/VersionOverrides/Resources/bt:Images/bt:Image[2]`
 * (qualified names as written; `[n]` only where siblings share that name).
 */
import { DOMParser } from "@xmldom/xmldom";
import type { Element as XmlElement, Node as XmlNode } from "@xmldom/xmldom";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface Problem {
  /** Element path, e.g. `/OfficeApp/Requirements/Sets/Set`; `/` for the document itself. */
  path: string;
  message: string;
}

export interface SourceFile {
  /** Shown in messages, e.g. `src/addin/host/body.ts`. */
  path: string;
  text: string;
}

export interface ValidateManifestOptions {
  /** Directory holding the files served under `<origin>/assets/`. Icon files are checked only when given. */
  assetDir?: string;
  /** The add-in's own origin, e.g. `https://localhost:3000`. URL hosts are checked only when given. */
  origin?: string;
  /** Further origins URLs may point at, besides the manifest's AppDomains. */
  allowedDomains?: string[];
  /** Code whose Mailbox API calls the declared requirement set must cover. */
  sourceFiles?: SourceFile[];
}

export const NS = {
  officeApp: "http://schemas.microsoft.com/office/appforoffice/1.1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  versionOverrides10: "http://schemas.microsoft.com/office/mailappversionoverrides",
  versionOverrides11: "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
} as const;

export const SHORT_STRING_MAX = 125;
export const LONG_STRING_MAX = 250;
export const RESOURCE_ID_MAX = 32;

/** A Mailbox API the scanner recognises in source code and the requirement set it needs. */
export interface MailboxApi {
  api: string;
  pattern: RegExp;
  set: string;
}

/** Mailbox APIs a compose appointment offers and the Mailbox requirement set each needs. */
export const MAILBOX_APIS: readonly MailboxApi[] = [
  { api: "body.getTypeAsync", pattern: /\bbody\s*\??\.\s*getTypeAsync\b/, set: "1.1" },
  { api: "body.prependAsync", pattern: /\bprependAsync\b/, set: "1.1" },
  { api: "body.setSelectedDataAsync", pattern: /\bsetSelectedDataAsync\b/, set: "1.1" },
  { api: "location.getAsync/setAsync", pattern: /\blocation\s*\??\.\s*(?:get|set)Async\b/, set: "1.1" },
  { api: "loadCustomPropertiesAsync", pattern: /\bloadCustomPropertiesAsync\b/, set: "1.1" },
  { api: "roamingSettings", pattern: /\broamingSettings\b/, set: "1.1" },
  { api: "body.getAsync", pattern: /\bbody\s*\??\.\s*getAsync\b/, set: "1.3" },
  { api: "body.setAsync", pattern: /\bbody\s*\??\.\s*setAsync\b/, set: "1.3" },
  { api: "notificationMessages", pattern: /\bnotificationMessages\b/, set: "1.3" },
  { api: "item.saveAsync", pattern: /\bitem\s*\??\.\s*saveAsync\b/, set: "1.3" },
  { api: "userProfile.accountType", pattern: /\buserProfile\s*\??\.\s*accountType\b/, set: "1.6" },
  { api: "enhancedLocation", pattern: /\benhancedLocation\b/, set: "1.8" },
  { api: "getSharedPropertiesAsync", pattern: /\bgetSharedPropertiesAsync\b/, set: "1.8" },
  { api: "recurrence", pattern: /\brecurrence\s*\??\.\s*(?:get|set)Async\b/, set: "1.7" },
  { api: "sessionData", pattern: /\bsessionData\b/, set: "1.11" },
  { api: "sendModeOverride", pattern: /\bsendModeOverride\b/, set: "1.14" },
  { api: "errorMessageMarkdown", pattern: /\berrorMessageMarkdown\b/, set: "1.15" },
];

/**
 * Events Outlook raises on the appointment organizer form (LaunchEvent Type) and the Mailbox set
 * each needs. Event-based activation itself needs Mailbox 1.10.
 */
export const APPOINTMENT_LAUNCH_EVENTS: Readonly<Record<string, string>> = {
  OnNewAppointmentOrganizer: "1.10",
  OnAppointmentTimeChanged: "1.11",
  OnAppointmentAttendeesChanged: "1.11",
  OnAppointmentRecurrenceChanged: "1.11",
  OnAppointmentSend: "1.12",
};
export const EVENT_ACTIVATION_MIN_SET = "1.10";
const SEND_EVENTS = new Set(["OnAppointmentSend", "OnMessageSend"]);
const SEND_MODES = ["PromptUser", "SoftBlock", "Block"];

/** Where a Mailbox API is first used in the scanned sources. */
export interface MailboxApiUse {
  api: string;
  set: string;
  file: string;
  line: number;
}

// ---------------------------------------------------------------------------------------------
// DOM helpers
// ---------------------------------------------------------------------------------------------

const ELEMENT_NODE = 1;

export function isElement(node: XmlNode | null | undefined): node is XmlElement {
  return node !== null && node !== undefined && node.nodeType === ELEMENT_NODE;
}

export function childElements(parent: XmlNode): XmlElement[] {
  const result: XmlElement[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i);
    if (isElement(node)) result.push(node);
  }
  return result;
}

export function childrenNamed(parent: XmlNode, localName: string): XmlElement[] {
  return childElements(parent).filter((el) => el.localName === localName);
}

export function firstChild(parent: XmlNode, localName: string): XmlElement | undefined {
  return childrenNamed(parent, localName)[0];
}

/** All element descendants of root, in document order (root excluded). */
export function descendants(root: XmlNode): XmlElement[] {
  const result: XmlElement[] = [];
  const visit = (node: XmlNode): void => {
    for (const child of childElements(node)) {
      result.push(child);
      visit(child);
    }
  };
  visit(root);
  return result;
}

export function attr(el: XmlElement, name: string): string | undefined {
  return el.hasAttribute(name) ? (el.getAttribute(name) ?? undefined) : undefined;
}

export function xsiType(el: XmlElement): string | undefined {
  return el.getAttributeNS(NS.xsi, "type") ?? undefined;
}

export function text(el: XmlElement): string {
  return (el.textContent ?? "").trim();
}

function closestAncestor(el: XmlElement, localName: string): XmlElement | undefined {
  let node: XmlNode | null = el.parentNode;
  while (node !== null) {
    if (isElement(node) && node.localName === localName) return node;
    node = node.parentNode;
  }
  return undefined;
}

function isInside(el: XmlElement, ancestor: XmlElement): boolean {
  let node: XmlNode | null = el.parentNode;
  while (node !== null) {
    if (node === ancestor) return true;
    node = node.parentNode;
  }
  return false;
}

const pathCache = new WeakMap<XmlElement, string>();

/** `/OfficeApp/.../bt:Image[2]`: qualified names, with an index where siblings share the name. */
export function elementPath(el: XmlElement): string {
  const cached = pathCache.get(el);
  if (cached !== undefined) return cached;
  const parent = el.parentNode;
  let step = el.tagName;
  let prefix = "";
  if (isElement(parent)) {
    const same = childElements(parent).filter((sibling) => sibling.tagName === el.tagName);
    if (same.length > 1) step += `[${same.indexOf(el) + 1}]`;
    prefix = elementPath(parent);
  }
  const path = `${prefix}/${step}`;
  pathCache.set(el, path);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Small value helpers
// ---------------------------------------------------------------------------------------------

/** Compares dotted version numbers numerically ("1.10" > "1.9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(".").map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An allowed domain: an origin, optionally with a `*.` wildcard host, or a bare host name. */
interface DomainPattern {
  protocol: string;
  host: string;
  wildcard: boolean;
}

function toDomainPattern(value: string): DomainPattern | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const wildcard = /^[a-z][a-z0-9+.-]*:\/\/\*\./i.test(withScheme);
  const url = parseUrl(wildcard ? withScheme.replace("://*.", "://") : withScheme);
  if (url === undefined) return undefined;
  return { protocol: url.protocol, host: url.host, wildcard };
}

function matchesDomain(url: URL, pattern: DomainPattern): boolean {
  if (url.protocol !== pattern.protocol) return false;
  if (url.host === pattern.host) return true;
  return pattern.wildcard && url.host.endsWith(`.${pattern.host}`);
}

interface PngSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function readPngSize(bytes: Buffer): PngSize | undefined {
  if (bytes.length < 24) return undefined;
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (bytes.toString("latin1", 12, 16) !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Source text with comments blanked out (newlines kept, so line numbers stay right).
 * String and template literals are kept as they are.
 */
export function stripComments(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < source.length && source[j] !== c) {
        if (source[j] === "\\") j++;
        else if (source[j] === "\n" && c !== "`") break;
        j++;
      }
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The Mailbox APIs used in the given sources, each with its first use. */
/** Comment marking a use that older clients tolerate, e.g. `// requirement set: optional`. */
const OPTIONAL_USE = /\/\/.*\brequirement set: optional\b/i;

/**
 * Comment marking a file that runs only in the event runtime (`// requirement set: events`): its
 * uses are checked against the VersionOverrides that declares the LaunchEvent, not the base.
 */
const EVENTS_FILE = /^\s*\/\/\s*requirement set: events\b/im;

export function isEventRuntimeFile(file: SourceFile): boolean {
  return EVENTS_FILE.test(file.text);
}

export function findMailboxApiUses(sourceFiles: readonly SourceFile[]): MailboxApiUse[] {
  const uses: MailboxApiUse[] = [];
  for (const api of MAILBOX_APIS) {
    for (const file of sourceFiles) {
      const code = stripComments(file.text);
      const lines = file.text.split("\n");
      const pattern = new RegExp(
        api.pattern.source,
        api.pattern.flags.includes("g") ? api.pattern.flags : `${api.pattern.flags}g`,
      );
      let line: number | undefined;
      for (const match of code.matchAll(pattern)) {
        const at = code.slice(0, match.index).split("\n").length;
        // A use the code feature-detects (reads a property that older clients leave undefined)
        // is marked on its line and does not raise the minimum.
        if (OPTIONAL_USE.test(lines[at - 1] ?? "")) continue;
        line = at;
        break;
      }
      if (line === undefined) continue;
      uses.push({ api: api.api, set: api.set, file: file.path, line });
      break;
    }
  }
  return uses;
}

const SOURCE_EXTENSIONS = /\.(?:ts|tsx|js|jsx|mjs|cjs)$/;
const TEST_FILE = /\.(?:test|spec)\.[^.]+$/;

/**
 * Source files under dir, recursively, for the requirement-set check. Skips tests, dot folders,
 * node_modules and __tests__. Paths are shown relative to relativeTo (default: the working directory).
 */
export function collectSourceFiles(dir: string, relativeTo: string = process.cwd()): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "__tests__" && !entry.name.startsWith(".")) {
          walk(full);
        }
      } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !TEST_FILE.test(entry.name)) {
        files.push({
          path: relative(relativeTo, full).split(sep).join("/"),
          text: readFileSync(full, "utf8"),
        });
      }
    }
  };
  walk(dir);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------------

/** One allowed child in a sequence. Children with equal rank may come in any order among themselves. */
interface SequenceEntry {
  name: string;
  rank: number;
  required?: boolean;
  multiple?: boolean;
  namespaces?: readonly string[];
}

const BASE_SEQUENCE: readonly SequenceEntry[] = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "FormSettings",
  "Permissions",
  "Rule",
  "DisableEntityHighlighting",
  "VersionOverrides",
].map((name, rank) => ({
  name,
  rank,
  required: [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "Requirements",
    "FormSettings",
    "Permissions",
    "Rule",
  ].includes(name),
  namespaces: name === "VersionOverrides" ? [NS.versionOverrides10, NS.versionOverrides11] : [NS.officeApp],
}));

/** Children of VersionOverrides. The schema's tail elements are accepted in any order after Resources. */
function versionOverridesSequence(namespace: string, hasNested: boolean): SequenceEntry[] {
  const own = [namespace];
  const entries: SequenceEntry[] = [
    { name: "Description", rank: 0, namespaces: own },
    { name: "Requirements", rank: 1, namespaces: own },
    { name: "Hosts", rank: 2, required: !hasNested, namespaces: own },
    { name: "Resources", rank: 3, required: !hasNested, namespaces: own },
    { name: "EquivalentAddins", rank: 4, namespaces: own },
    { name: "WebApplicationInfo", rank: 4, namespaces: own },
    { name: "ConnectedServiceControls", rank: 4, namespaces: own },
    { name: "ExtendedPermissions", rank: 4, namespaces: own },
  ];
  if (namespace === NS.versionOverrides10) {
    entries.push({ name: "VersionOverrides", rank: 4, namespaces: [NS.versionOverrides11] });
  }
  return entries;
}

const RESOURCES_SEQUENCE: readonly SequenceEntry[] = ["Images", "Urls", "ShortStrings", "LongStrings"].map(
  (name, rank) => ({ name, rank, namespaces: [NS.bt] }),
);

const MAIL_HOST_SEQUENCE: readonly SequenceEntry[] = [
  { name: "Runtimes", rank: 0 },
  { name: "DesktopFormFactor", rank: 1 },
  { name: "MobileFormFactor", rank: 2 },
];

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

const RESOURCE_ITEM: Record<ResourceKind, string> = {
  Images: "Image",
  Urls: "Url",
  ShortStrings: "String",
  LongStrings: "String",
};

/** Which resource list an element's resid must point into, by the element's local name. */
const RESID_KIND: Record<string, ResourceKind> = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  Runtime: "Urls",
  Override: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Description: "LongStrings",
  ToolTip: "LongStrings",
};

/** Icon sizes each form factor needs. */
const REQUIRED_ICON_SIZES: Record<string, readonly number[]> = {
  DesktopFormFactor: [16, 32, 80],
  MobileFormFactor: [25, 32, 48],
};

const PERMISSIONS = ["Restricted", "ReadItem", "ReadWriteItem", "ReadWriteMailbox"];

interface ResourceEntry {
  kind: ResourceKind;
  element: XmlElement;
  value: string;
}

class ManifestValidator {
  private readonly problems: Problem[] = [];
  private readonly allowedDomains: DomainPattern[] = [];
  private readonly origin: URL | undefined;

  constructor(private readonly options: ValidateManifestOptions) {
    this.origin = options.origin === undefined ? undefined : parseUrl(options.origin);
    for (const domain of options.allowedDomains ?? []) {
      const pattern = toDomainPattern(domain);
      if (pattern !== undefined) this.allowedDomains.push(pattern);
    }
  }

  private report(where: XmlElement | string, message: string): void {
    this.problems.push({ path: typeof where === "string" ? where : elementPath(where), message });
  }

  run(xml: string): Problem[] {
    if (this.options.origin !== undefined && this.origin === undefined) {
      this.report("/", `option origin "${this.options.origin}" is not a valid URL`);
    }
    const root = this.parse(xml);
    if (root === undefined) return this.problems;
    if (!this.checkRoot(root)) return this.problems;

    for (const appDomain of descendants(root).filter((el) => el.localName === "AppDomain")) {
      this.checkAppDomain(appDomain);
    }
    this.checkSequence(root, BASE_SEQUENCE);
    this.checkBaseValues(root);
    this.checkBaseUrls(root);

    const versionOverrides = childrenNamed(root, "VersionOverrides");
    for (const vo of versionOverrides) this.checkVersionOverrides(vo);

    this.checkControlIds(root);
    this.checkRequirementSets(root);
    return this.problems;
  }

  // --- parsing and root -----------------------------------------------------------------------

  private parse(xml: string): XmlElement | undefined {
    const messages: string[] = [];
    let location = "";
    const parser = new DOMParser({
      onError: (level, message, context: unknown) => {
        if (level === "warning") return;
        messages.push(message.trim());
        if (location === "") location = describeLocation(context);
      },
    });
    let root: XmlElement | undefined;
    try {
      const doc = parser.parseFromString(xml, "text/xml");
      root = doc.documentElement ?? undefined;
    } catch (error) {
      if (messages.length === 0) messages.push(error instanceof Error ? error.message : String(error));
      if (location === "") location = describeLocation(error);
    }
    if (messages.length > 0) {
      this.report("/", `XML is not well-formed: ${messages[0]}${location}`);
      return undefined;
    }
    if (root === undefined) {
      this.report("/", "XML has no root element");
      return undefined;
    }
    return root;
  }

  /** Returns false when the root is so wrong that further checks would only add noise. */
  private checkRoot(root: XmlElement): boolean {
    if (root.localName !== "OfficeApp") {
      this.report(root, `root element must be OfficeApp, not ${root.tagName}`);
      return false;
    }
    if (root.namespaceURI !== NS.officeApp) {
      this.report(
        root,
        `OfficeApp must be in namespace ${NS.officeApp}, not ${root.namespaceURI ?? "(none)"}`,
      );
      return false;
    }
    const type = xsiType(root);
    if (type !== "MailApp") {
      this.report(
        root,
        type === undefined
          ? `OfficeApp needs xsi:type="MailApp" (xsi = ${NS.xsi})`
          : `OfficeApp xsi:type must be "MailApp", not "${type}"`,
      );
      return false;
    }
    return true;
  }

  // --- ordering -------------------------------------------------------------------------------

  /** Reports unknown, duplicate, out-of-order and missing children of parent. */
  private checkSequence(parent: XmlElement, sequence: readonly SequenceEntry[]): void {
    let highest: { rank: number; name: string } | undefined;
    const seen = new Set<string>();
    for (const child of childElements(parent)) {
      const entry = sequence.find((candidate) => candidate.name === child.localName);
      if (entry === undefined) {
        this.report(child, `unexpected element ${child.tagName} in ${parent.tagName}`);
        continue;
      }
      if (entry.namespaces !== undefined && !entry.namespaces.includes(child.namespaceURI ?? "")) {
        this.report(
          child,
          `${child.tagName} must be in namespace ${entry.namespaces.join(" or ")}, not ${child.namespaceURI ?? "(none)"}`,
        );
      }
      if (seen.has(entry.name) && entry.multiple !== true) {
        this.report(child, `${child.tagName} may appear only once in ${parent.tagName}`);
      }
      seen.add(entry.name);
      if (highest !== undefined && entry.rank < highest.rank) {
        this.report(child, `${child.tagName} must come before ${highest.name}`);
      } else {
        highest = { rank: entry.rank, name: child.tagName };
      }
    }
    for (const entry of sequence) {
      if (entry.required === true && !seen.has(entry.name)) {
        this.report(parent, `missing required element ${entry.name}`);
      }
    }
  }

  // --- base manifest --------------------------------------------------------------------------

  private checkBaseValues(root: XmlElement): void {
    const id = firstChild(root, "Id");
    if (
      id !== undefined &&
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text(id))
    ) {
      this.report(id, `Id "${text(id)}" must be a GUID`);
    }
    const version = firstChild(root, "Version");
    if (version !== undefined && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text(version))) {
      this.report(version, `Version "${text(version)}" must be one to four dot-separated numbers`);
    }
    const provider = firstChild(root, "ProviderName");
    if (provider !== undefined) this.checkText(provider, text(provider), SHORT_STRING_MAX, "ProviderName");
    const displayName = firstChild(root, "DisplayName");
    if (displayName !== undefined) this.checkLocalized(displayName, SHORT_STRING_MAX);
    const description = firstChild(root, "Description");
    if (description !== undefined) this.checkLocalized(description, LONG_STRING_MAX);
    const permissions = firstChild(root, "Permissions");
    if (permissions !== undefined && !PERMISSIONS.includes(text(permissions))) {
      this.report(
        permissions,
        `Permissions must be one of ${PERMISSIONS.join(", ")}, not "${text(permissions)}"`,
      );
    }
  }

  /** An element with DefaultValue and optional <Override Locale Value> children. */
  private checkLocalized(el: XmlElement, max: number): void {
    const value = attr(el, "DefaultValue");
    if (value === undefined) {
      this.report(el, `${el.tagName} needs a DefaultValue`);
      return;
    }
    this.checkText(el, value, max, el.tagName);
    for (const override of childrenNamed(el, "Override")) {
      this.checkText(override, attr(override, "Value") ?? "", max, el.tagName);
    }
  }

  private checkText(el: XmlElement, value: string, max: number, what: string): void {
    if (value.trim() === "") this.report(el, `${what} must not be empty`);
    else if (value.length > max) {
      this.report(el, `${what} is ${value.length} characters long (at most ${max} allowed)`);
    }
  }

  private checkBaseUrls(root: XmlElement): void {
    const icons: Array<[string, number]> = [
      ["IconUrl", 64],
      ["HighResolutionIconUrl", 128],
    ];
    for (const [name, size] of icons) {
      const el = firstChild(root, name);
      if (el === undefined) continue;
      for (const [holder, value] of this.localizedUrls(el)) {
        const url = this.checkUrl(holder, value);
        if (url !== undefined) this.checkIconFile(holder, url, [size]);
      }
    }
    const support = firstChild(root, "SupportUrl");
    if (support !== undefined) {
      for (const [holder, value] of this.localizedUrls(support)) this.checkUrl(holder, value);
    }
    const formSettings = firstChild(root, "FormSettings");
    if (formSettings !== undefined) {
      for (const location of descendants(formSettings).filter((el) => el.localName === "SourceLocation")) {
        for (const [holder, value] of this.localizedUrls(location)) this.checkUrl(holder, value);
      }
    }
  }

  /** DefaultValue of el and Value of each of its Override children. */
  private localizedUrls(el: XmlElement): Array<[XmlElement, string]> {
    const result: Array<[XmlElement, string]> = [];
    const value = attr(el, "DefaultValue");
    if (value === undefined) this.report(el, `${el.tagName} needs a DefaultValue`);
    else result.push([el, value]);
    for (const override of childrenNamed(el, "Override")) {
      result.push([override, attr(override, "Value") ?? ""]);
    }
    return result;
  }

  private checkAppDomain(el: XmlElement): void {
    const value = text(el);
    const url = parseUrl(value);
    if (url === undefined) this.report(el, `AppDomain "${value}" is not a valid URL`);
    else if (url.protocol !== "https:") this.report(el, `AppDomain "${value}" must use https`);
    else {
      const pattern = toDomainPattern(value);
      if (pattern !== undefined) this.allowedDomains.push(pattern);
    }
  }

  /** https, and on the add-in origin or an allowed domain. Returns the URL when it passes. */
  private checkUrl(el: XmlElement, value: string): URL | undefined {
    const url = parseUrl(value.trim());
    if (url === undefined) {
      this.report(el, `"${value}" is not a valid absolute URL`);
      return undefined;
    }
    if (url.protocol !== "https:") {
      this.report(el, `URL "${value}" must use https`);
      return undefined;
    }
    if (this.origin !== undefined && url.origin !== this.origin.origin) {
      if (!this.allowedDomains.some((pattern) => matchesDomain(url, pattern))) {
        this.report(el, `URL "${value}" is not on the add-in origin ${this.origin.origin} or an AppDomain`);
        return undefined;
      }
    }
    return url;
  }

  /** For icons served from the add-in origin: the file under assetDir exists, is a PNG, has the size. */
  private checkIconFile(el: XmlElement, url: URL, sizes: readonly number[]): void {
    const assetDir = this.options.assetDir;
    if (assetDir === undefined || this.origin === undefined || url.origin !== this.origin.origin) return;
    const marker = "/assets/";
    const at = url.pathname.indexOf(marker);
    if (at === -1) {
      this.report(el, `icon URL "${url.href}" is not under /assets/`);
      return;
    }
    const relative = decodeURIComponent(url.pathname.slice(at + marker.length));
    if (relative === "" || relative.split("/").some((part) => part === ".." || part === "")) {
      this.report(el, `icon URL "${url.href}" does not name a file under /assets/`);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(assetDir, ...relative.split("/")));
    } catch {
      this.report(el, `icon file "${relative}" is missing from the asset directory`);
      return;
    }
    const size = readPngSize(bytes);
    if (size === undefined) {
      this.report(el, `icon file "${relative}" is not a PNG`);
      return;
    }
    for (const expected of sizes) {
      if (size.width !== expected || size.height !== expected) {
        this.report(
          el,
          `icon file "${relative}" is ${size.width}x${size.height} pixels, but it is used as a ${expected}x${expected} icon`,
        );
      }
    }
  }

  // --- VersionOverrides -------------------------------------------------------------------------

  private checkVersionOverrides(vo: XmlElement): void {
    const namespace = vo.namespaceURI ?? "";
    const type = xsiType(vo);
    const expectedType =
      namespace === NS.versionOverrides10
        ? "VersionOverridesV1_0"
        : namespace === NS.versionOverrides11
          ? "VersionOverridesV1_1"
          : undefined;
    // A wrong namespace is reported by the parent's sequence check; nothing inside can be trusted.
    if (expectedType === undefined) return;
    if (type !== expectedType) {
      this.report(vo, `VersionOverrides in namespace ${namespace} must have xsi:type="${expectedType}"`);
    }
    const nested = childrenNamed(vo, "VersionOverrides");
    this.checkSequence(vo, versionOverridesSequence(namespace, nested.length > 0));

    const resources = firstChild(vo, "Resources");
    const entries =
      resources === undefined ? new Map<string, ResourceEntry>() : this.checkResources(resources);
    const hosts = firstChild(vo, "Hosts");
    if (hosts !== undefined) this.checkHosts(hosts);
    // Without Resources every resid would fail; the missing element is reported once instead.
    if (resources !== undefined) this.checkResids(vo, entries);
    this.checkIconResources(vo, entries);

    for (const inner of nested) this.checkVersionOverrides(inner);
  }

  private checkResources(resources: XmlElement): Map<string, ResourceEntry> {
    this.checkSequence(resources, RESOURCES_SEQUENCE);
    const entries = new Map<string, ResourceEntry>();
    for (const group of childElements(resources)) {
      const kind = group.localName ?? "";
      if (!isResourceKind(kind)) continue;
      const itemName = RESOURCE_ITEM[kind];
      for (const item of childElements(group)) {
        if (item.localName !== itemName || item.namespaceURI !== NS.bt) {
          this.report(item, `${group.tagName} may only contain bt:${itemName} elements`);
          continue;
        }
        const id = attr(item, "id");
        if (id === undefined || id === "") {
          this.report(item, `${item.tagName} needs an id`);
          continue;
        }
        if (id.length > RESOURCE_ID_MAX) {
          this.report(item, `resource id "${id}" is longer than ${RESOURCE_ID_MAX} characters`);
        }
        if (entries.has(id)) {
          this.report(item, `duplicate resource id "${id}"`);
          continue;
        }
        const value = attr(item, "DefaultValue");
        if (value === undefined) {
          this.report(item, `${item.tagName} "${id}" needs a DefaultValue`);
          continue;
        }
        entries.set(id, { kind, element: item, value });
        this.checkResourceValue(kind, item, id, value);
        for (const override of childrenNamed(item, "Override")) {
          this.checkResourceValue(kind, override, id, attr(override, "Value") ?? "");
        }
      }
    }
    return entries;
  }

  private checkResourceValue(kind: ResourceKind, el: XmlElement, id: string, value: string): void {
    switch (kind) {
      case "Images":
      case "Urls":
        this.checkUrl(el, value);
        break;
      case "ShortStrings":
        this.checkText(el, value, SHORT_STRING_MAX, `short string "${id}"`);
        break;
      case "LongStrings":
        this.checkText(el, value, LONG_STRING_MAX, `long string "${id}"`);
        break;
    }
  }

  private checkHosts(hosts: XmlElement): void {
    for (const host of childElements(hosts)) {
      if (host.localName !== "Host") {
        this.report(host, `unexpected element ${host.tagName} in Hosts`);
        continue;
      }
      if (xsiType(host) !== "MailHost") {
        this.report(host, `Host must have xsi:type="MailHost", not "${xsiType(host) ?? ""}"`);
        continue;
      }
      this.checkSequence(host, MAIL_HOST_SEQUENCE);
      this.checkLaunchEvents(host);
      for (const formFactor of childElements(host)) {
        if (formFactor.localName === "DesktopFormFactor" || formFactor.localName === "MobileFormFactor") {
          this.checkFormFactor(formFactor);
        }
      }
    }
  }

  /** Runtimes and the LaunchEvent extension point of one MailHost. */
  private checkLaunchEvents(host: XmlElement): void {
    const runtimeResids = new Set<string>();
    for (const runtimes of childrenNamed(host, "Runtimes")) {
      if (closestAncestor(host, "VersionOverrides")?.namespaceURI !== NS.versionOverrides11) {
        this.report(runtimes, "Runtimes is only allowed in VersionOverridesV1_1");
      }
      for (const runtime of childElements(runtimes)) {
        if (runtime.localName !== "Runtime") {
          this.report(runtime, `unexpected element ${runtime.tagName} in Runtimes`);
          continue;
        }
        const resid = attr(runtime, "resid");
        if (resid === undefined || resid === "")
          this.report(runtime, "Runtime needs a resid (the HTML page)");
        else runtimeResids.add(resid);
        const lifetime = attr(runtime, "lifetime");
        if (lifetime !== undefined && lifetime !== "short" && lifetime !== "long") {
          this.report(runtime, `Runtime lifetime must be "short" or "long", not "${lifetime}"`);
        }
        for (const child of childElements(runtime)) {
          if (child.localName !== "Override") {
            this.report(child, `unexpected element ${child.tagName} in Runtime`);
          } else if (attr(child, "type") !== "javascript") {
            this.report(
              child,
              `Runtime Override must have type="javascript", not "${attr(child, "type") ?? ""}"`,
            );
          } else if ((attr(child, "resid") ?? "") === "") {
            this.report(child, "Runtime Override needs a resid (the script classic Outlook on Windows runs)");
          }
        }
      }
    }
    const points = descendants(host).filter(
      (el) => el.localName === "ExtensionPoint" && xsiType(el) === "LaunchEvent",
    );
    for (const point of points) {
      if (closestAncestor(point, "VersionOverrides")?.namespaceURI !== NS.versionOverrides11) {
        this.report(point, "the LaunchEvent extension point is only allowed in VersionOverridesV1_1");
      }
      if (
        point.parentNode === null ||
        !isElement(point.parentNode) ||
        point.parentNode.localName !== "DesktopFormFactor"
      ) {
        this.report(point, "the LaunchEvent extension point belongs in DesktopFormFactor");
      }
      const source = firstChild(point, "SourceLocation");
      const resid = source === undefined ? undefined : attr(source, "resid");
      if (source === undefined || resid === undefined) {
        this.report(point, "LaunchEvent extension point needs a SourceLocation naming the event runtime");
      } else if (!runtimeResids.has(resid)) {
        this.report(
          source,
          runtimeResids.size === 0
            ? "LaunchEvent needs a Runtimes element in its Host with the event runtime"
            : `SourceLocation resid "${resid}" is not the resid of a Runtime in Runtimes`,
        );
      }
      const list = firstChild(point, "LaunchEvents");
      const events = list === undefined ? [] : childElements(list);
      if (events.length === 0)
        this.report(point, "LaunchEvent extension point needs LaunchEvents with at least one LaunchEvent");
      const types = new Set<string>();
      for (const event of events) this.checkLaunchEvent(event, types);
    }
  }

  private checkLaunchEvent(event: XmlElement, types: Set<string>): void {
    if (event.localName !== "LaunchEvent") {
      this.report(event, `unexpected element ${event.tagName} in LaunchEvents`);
      return;
    }
    const type = attr(event, "Type") ?? "";
    if (APPOINTMENT_LAUNCH_EVENTS[type] === undefined) {
      this.report(
        event,
        `LaunchEvent Type "${type}" is not an appointment organizer event (${Object.keys(APPOINTMENT_LAUNCH_EVENTS).join(", ")})`,
      );
    }
    if (types.has(type)) this.report(event, `LaunchEvent Type "${type}" is listed twice`);
    types.add(type);
    const name = attr(event, "FunctionName") ?? "";
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
      this.report(
        event,
        `LaunchEvent "${type}" needs a FunctionName that is a JavaScript name, not "${name}"`,
      );
    } else if (this.options.sourceFiles !== undefined && this.options.sourceFiles.length > 0) {
      const registered = this.options.sourceFiles.some(
        (file) => file.text.includes(`"${name}"`) || file.text.includes(`'${name}'`),
      );
      if (!registered) {
        this.report(
          event,
          `LaunchEvent FunctionName "${name}" is not registered anywhere in the code (Office.actions.associate)`,
        );
      }
    }
    const sendMode = attr(event, "SendMode");
    if (SEND_EVENTS.has(type)) {
      if (sendMode === undefined || !SEND_MODES.includes(sendMode)) {
        this.report(event, `${type} needs SendMode ${SEND_MODES.join(", ")}, not "${sendMode ?? ""}"`);
      }
    } else if (sendMode !== undefined) {
      this.report(event, `SendMode applies only to send events, not ${type}`);
    }
  }

  private checkFormFactor(formFactor: XmlElement): void {
    const children = childElements(formFactor);
    const functionFile = children.find((el) => el.localName === "FunctionFile");
    if (functionFile !== undefined && children[0] !== functionFile) {
      this.report(functionFile, `FunctionFile must be the first child of ${formFactor.tagName}`);
    }
    const actions = descendants(formFactor).filter(
      (el) => el.localName === "Action" && xsiType(el) === "ExecuteFunction",
    );
    if (actions.length > 0 && functionFile === undefined) {
      this.report(formFactor, `${formFactor.tagName} has ExecuteFunction controls but no FunctionFile`);
    }
    for (const action of actions) {
      const name = firstChild(action, "FunctionName");
      if (name === undefined || text(name) === "") {
        this.report(action, "ExecuteFunction action needs a FunctionName");
      }
    }
    for (const point of childrenNamed(formFactor, "ExtensionPoint")) {
      if (xsiType(point) !== "AppointmentOrganizerCommandSurface") continue;
      const functions = descendants(point).filter(
        (el) => el.localName === "Action" && xsiType(el) === "ExecuteFunction",
      );
      if (functions.length > 1) {
        this.report(
          point,
          `AppointmentOrganizerCommandSurface has ${functions.length} ExecuteFunction controls; Outlook allows only one`,
        );
      }
    }
    const sizes = REQUIRED_ICON_SIZES[formFactor.localName ?? ""] ?? [];
    for (const icon of descendants(formFactor).filter((el) => el.localName === "Icon")) {
      const declared = childrenNamed(icon, "Image").map((image) => Number(attr(image, "size")));
      for (const size of sizes) {
        if (!declared.includes(size)) this.report(icon, `Icon needs a bt:Image of size ${size}`);
      }
    }
  }

  /** Every resid under vo (outside Resources and nested overrides) names a resource of the right kind. */
  private checkResids(vo: XmlElement, entries: Map<string, ResourceEntry>): void {
    for (const el of this.ownDescendants(vo)) {
      const resid = attr(el, "resid");
      if (resid === undefined) continue;
      const kind = RESID_KIND[el.localName ?? ""];
      const entry = entries.get(resid);
      if (entry === undefined) {
        const where = kind === undefined ? "Resources" : `bt:${kind}`;
        this.report(el, `resid "${resid}" does not match any id in ${where}`);
      } else if (kind !== undefined && entry.kind !== kind) {
        this.report(el, `resid "${resid}" must refer to bt:${kind}, but it is defined in bt:${entry.kind}`);
      }
    }
  }

  /** Image resources used as icons: check each file once per declared pixel size (size x scale). */
  private checkIconResources(vo: XmlElement, entries: Map<string, ResourceEntry>): void {
    const sizesByResource = new Map<XmlElement, number[]>();
    for (const image of this.ownDescendants(vo)) {
      if (image.localName !== "Image" || closestAncestor(image, "Icon") === undefined) continue;
      const sizeText = attr(image, "size");
      const size = Number(sizeText);
      if (sizeText === undefined || !Number.isInteger(size) || size <= 0) {
        this.report(image, `bt:Image needs a size in pixels, not "${sizeText ?? ""}"`);
        continue;
      }
      const scale = Number(attr(image, "scale") ?? "1");
      const pixels = Number.isFinite(scale) && scale > 0 ? Math.round(size * scale) : size;
      const entry = entries.get(attr(image, "resid") ?? "");
      if (entry === undefined || entry.kind !== "Images") continue;
      const sizes = sizesByResource.get(entry.element) ?? [];
      if (!sizes.includes(pixels)) sizes.push(pixels);
      sizesByResource.set(entry.element, sizes);
    }
    for (const entry of entries.values()) {
      if (entry.kind !== "Images") continue;
      const url = parseUrl(entry.value.trim());
      if (url === undefined || url.protocol !== "https:") continue;
      if (!this.isAllowedUrl(url)) continue;
      this.checkIconFile(entry.element, url, sizesByResource.get(entry.element) ?? []);
    }
  }

  private isAllowedUrl(url: URL): boolean {
    if (this.origin === undefined || url.origin === this.origin.origin) return true;
    return this.allowedDomains.some((pattern) => matchesDomain(url, pattern));
  }

  /** Descendants of vo that belong to it: not inside its Resources or a nested VersionOverrides. */
  private ownDescendants(vo: XmlElement): XmlElement[] {
    const excluded = childElements(vo).filter(
      (el) => el.localName === "Resources" || el.localName === "VersionOverrides",
    );
    return descendants(vo).filter(
      (el) => !excluded.includes(el) && !excluded.some((ancestor) => isInside(el, ancestor)),
    );
  }

  // --- whole-manifest checks ----------------------------------------------------------------------

  /** Control ids are unique within each VersionOverrides (a nested one repeats its parent's controls). */
  private checkControlIds(root: XmlElement): void {
    const kinds = ["Group", "Control", "Item", "CustomTab"];
    for (const vo of descendants(root).filter((el) => el.localName === "VersionOverrides")) {
      const seen = new Map<string, XmlElement>();
      for (const el of this.ownDescendants(vo)) {
        if (!kinds.includes(el.localName ?? "")) continue;
        const id = attr(el, "id");
        if (id === undefined || id === "") {
          this.report(el, `${el.tagName} needs an id`);
          continue;
        }
        if (seen.has(id)) this.report(el, `duplicate control id "${id}"`);
        else seen.set(id, el);
      }
    }
  }

  /**
   * The Mailbox MinVersion declared in base and override Requirements covers the APIs the code
   * uses. Files marked as event-runtime code are checked only against the VersionOverrides that
   * declares the LaunchEvent (the only place that code runs).
   */
  private checkRequirementSets(root: XmlElement): void {
    const requirements = descendants(root).filter((el) => el.localName === "Requirements");
    const files = this.options.sourceFiles ?? [];
    const everywhere = findMailboxApiUses(files.filter((file) => !isEventRuntimeFile(file)));
    const eventOnly = findMailboxApiUses(files.filter(isEventRuntimeFile));
    const launchEventVo = descendants(root).find(
      (el) => el.localName === "ExtensionPoint" && xsiType(el) === "LaunchEvent",
    );
    const eventVo =
      launchEventVo === undefined ? undefined : closestAncestor(launchEventVo, "VersionOverrides");
    for (const req of requirements) {
      const version = this.mailboxVersion(req);
      if (version === undefined) continue;
      for (const use of everywhere) {
        if (compareVersions(use.set, version.value) > 0) {
          this.report(
            version.element,
            `Mailbox MinVersion ${version.value} does not cover ${use.api}, which needs Mailbox ${use.set} (${use.file}:${use.line})`,
          );
        }
      }
      if (req.parentNode !== eventVo) continue;
      // Event code runs only where event-based activation does, so at least there.
      const events =
        compareVersions(version.value, EVENT_ACTIVATION_MIN_SET) < 0
          ? EVENT_ACTIVATION_MIN_SET
          : version.value;
      for (const use of eventOnly) {
        if (compareVersions(use.set, events) > 0) {
          this.report(
            version.element,
            `Mailbox ${events}, where the event handlers run, does not cover ${use.api}, which needs Mailbox ${use.set} (${use.file}:${use.line})`,
          );
        }
      }
    }
    if (launchEventVo !== undefined && eventVo !== undefined) this.checkEventRequirements(eventVo);
  }

  /** The Mailbox version a Requirements element declares; reports and returns undefined when it has none. */
  private mailboxVersion(req: XmlElement): { value: string; element: XmlElement } | undefined {
    const sets = firstChild(req, "Sets");
    const mailbox = sets === undefined ? undefined : childrenNamed(sets, "Set").find(isMailboxSet);
    if (sets === undefined || mailbox === undefined) {
      this.report(req, "Requirements must name the Mailbox requirement set");
      return undefined;
    }
    const value = attr(mailbox, "MinVersion") ?? attr(sets, "DefaultMinVersion") ?? "1.1";
    if (!/^\d+(\.\d+)*$/.test(value)) {
      this.report(mailbox, `Mailbox MinVersion "${value}" is not a version number`);
      return undefined;
    }
    return { value, element: mailbox };
  }

  /**
   * The VersionOverrides with the LaunchEvent asks for event-based activation's set, and clients
   * below it still find the pane and the command in the VersionOverrides around it.
   */
  private checkEventRequirements(vo: XmlElement): void {
    const parent = vo.parentNode;
    if (!isElement(parent) || parent.localName !== "VersionOverrides") {
      this.report(
        vo,
        "the VersionOverrides with the LaunchEvent has no VersionOverridesV1_0 around it: clients that do not read VersionOverridesV1_1 get no buttons",
      );
      return;
    }
    const hasCommands = descendants(parent).some(
      (el) =>
        el.localName === "ExtensionPoint" &&
        xsiType(el) === "AppointmentOrganizerCommandSurface" &&
        closestAncestor(el, "VersionOverrides") === parent,
    );
    if (!hasCommands) {
      this.report(
        parent,
        "clients that do not read VersionOverridesV1_1 use this VersionOverrides, but it has no AppointmentOrganizerCommandSurface: they would get neither the pane nor the command",
      );
    }
  }
}

function isResourceKind(name: string): name is ResourceKind {
  return Object.prototype.hasOwnProperty.call(RESOURCE_ITEM, name);
}

function isMailboxSet(el: XmlElement): boolean {
  return (attr(el, "Name") ?? "").toLowerCase() === "mailbox";
}

/** " (line L, column C)" from an xmldom error or handler context, or "" when it has no position. */
function describeLocation(source: unknown): string {
  const locator = readProperty(source, "locator");
  const line = readProperty(locator, "lineNumber");
  const column = readProperty(locator, "columnNumber");
  return typeof line === "number" && typeof column === "number" ? ` (line ${line}, column ${column})` : "";
}

function readProperty(source: unknown, key: string): unknown {
  if (typeof source !== "object" || source === null || !(key in source)) return undefined;
  return (source as Record<string, unknown>)[key];
}

/** Checks a MailApp manifest; returns the problems found (empty when it passes). Never throws on bad XML. */
export function validateManifest(xml: string, options: ValidateManifestOptions = {}): Problem[] {
  return new ManifestValidator(options).run(xml);
}
