/**
 * Offline checks for the Outlook mobile part of the XML manifest: the online-meeting toggle
 * (`MobileFormFactor` > `ExtensionPoint xsi:type="MobileOnlineMeetingCommandSurface"`).
 *
 * What Outlook on iOS and Android expects there: exactly one `MobileButton` control, running a
 * function (ExecuteFunction) that the add-in's code registers, with a label and nine icons (sizes
 * 25, 32 and 48 at scales 1, 2 and 3) drawn only in the grey #919191; a Mailbox requirement of at
 * least 1.3. The generic checks (resids resolve, icon files exist at size x scale pixels, URLs on
 * the origin, FunctionFile first) are made by validateManifest; this module adds the rest.
 */
import { DOMParser } from "@xmldom/xmldom";
import type { Element as XmlElement } from "@xmldom/xmldom";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import {
  NS,
  attr,
  childElements,
  childrenNamed,
  compareVersions,
  descendants,
  elementPath,
  firstChild,
  parseUrl,
  text,
  xsiType,
} from "./validateManifest";
import type { Problem, ValidateManifestOptions } from "./validateManifest";

export const MOBILE_SURFACE = "MobileOnlineMeetingCommandSurface";
export const MOBILE_ICON_SIZES = [25, 32, 48] as const;
export const MOBILE_ICON_SCALES = [1, 2, 3] as const;
/** The grey Outlook mobile requires for button icons (#919191). */
export const MOBILE_ICON_GREY = 0x91;
/** The online-meeting surface needs Mailbox 1.3. */
export const MOBILE_SURFACE_MAILBOX = "1.3";

export interface ValidateMobileOptions extends ValidateManifestOptions {
  /** Report a manifest without the mobile online-meeting surface (the project's own must have it). */
  requireMobile?: boolean;
}

function parseQuietly(xml: string): XmlElement | undefined {
  let failed = false;
  const parser = new DOMParser({
    onError: (level) => {
      if (level !== "warning") failed = true;
    },
  });
  try {
    const root = parser.parseFromString(xml, "text/xml").documentElement ?? undefined;
    return failed ? undefined : root;
  } catch {
    return undefined;
  }
}

function ancestors(el: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  let node = el.parentNode;
  while (node !== null && node.nodeType === 1) {
    result.push(node as XmlElement);
    node = node.parentNode;
  }
  return result;
}

class MobileValidator {
  private readonly problems: Problem[] = [];

  constructor(private readonly options: ValidateMobileOptions) {}

  private report(el: XmlElement, message: string): void {
    this.problems.push({ path: elementPath(el), message });
  }

  run(xml: string): Problem[] {
    const root = parseQuietly(xml);
    // A manifest that does not parse, or is not a mail add-in, is reported by validateManifest.
    if (root === undefined || root.localName !== "OfficeApp" || root.namespaceURI !== NS.officeApp) {
      return this.problems;
    }
    const surfaces = descendants(root).filter(
      (el) => el.localName === "ExtensionPoint" && xsiType(el) === MOBILE_SURFACE,
    );
    for (const surface of surfaces) {
      const parent = surface.parentNode as XmlElement | null;
      if (parent?.localName !== "MobileFormFactor") {
        this.report(
          surface,
          `${MOBILE_SURFACE} belongs in MobileFormFactor, not ${parent?.tagName ?? "(none)"}`,
        );
        continue;
      }
      this.checkSurface(surface);
    }
    for (const formFactor of descendants(root).filter((el) => el.localName === "MobileFormFactor")) {
      const own = childrenNamed(formFactor, "ExtensionPoint").filter((el) => xsiType(el) === MOBILE_SURFACE);
      if (own.length > 1) {
        this.report(
          formFactor,
          `MobileFormFactor has ${own.length} ${MOBILE_SURFACE} extension points; Outlook allows one`,
        );
      }
    }
    if (this.options.requireMobile === true && surfaces.length === 0) {
      this.problems.push({
        path: elementPath(root),
        message: `no MobileFormFactor with a ${MOBILE_SURFACE}: Outlook on iOS and Android would not offer the add-in`,
      });
    }
    return this.problems;
  }

  private checkSurface(surface: XmlElement): void {
    const children = childElements(surface);
    if (children.length !== 1 || children[0]?.localName !== "Control") {
      this.report(
        surface,
        `${MOBILE_SURFACE} must hold exactly one Control, not ${children.length} elements`,
      );
    }
    const control = children.find((el) => el.localName === "Control");
    if (control === undefined) return;
    if (xsiType(control) !== "MobileButton") {
      this.report(
        control,
        `the ${MOBILE_SURFACE} control must have xsi:type="MobileButton", not "${xsiType(control) ?? ""}"`,
      );
      return;
    }
    this.checkOrder(control);
    const label = firstChild(control, "Label");
    if (label === undefined || (attr(label, "resid") ?? "") === "") {
      this.report(control, "MobileButton needs a Label with a resid");
    }
    const icon = firstChild(control, "Icon");
    if (icon === undefined) this.report(control, "MobileButton needs an Icon");
    else this.checkIcons(icon);
    const action = firstChild(control, "Action");
    if (action === undefined || xsiType(action) !== "ExecuteFunction") {
      this.report(
        action ?? control,
        'the online-meeting button must run a function (Action xsi:type="ExecuteFunction")',
      );
    } else {
      this.checkFunction(action);
    }
    this.checkRequirement(surface);
  }

  /** MobileButton: Label, Icon, Action, in that order, each once. */
  private checkOrder(control: XmlElement): void {
    const order = ["Label", "Icon", "Action"];
    const names = childElements(control).map((el) => el.localName ?? "");
    for (const [index, el] of childElements(control).entries()) {
      const name = names[index] ?? "";
      if (!order.includes(name)) this.report(el, `unexpected element ${el.tagName} in MobileButton`);
      else if (names.indexOf(name) !== index)
        this.report(el, `${el.tagName} may appear only once in MobileButton`);
    }
    const known = names.filter((name) => order.includes(name));
    const sorted = [...known].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (known.join() !== sorted.join()) {
      this.report(control, `MobileButton children must come in the order ${order.join(", ")}`);
    }
  }

  /** Exactly one bt:Image per size (25, 32, 48) and scale (1, 2, 3), each file grey only. */
  private checkIcons(icon: XmlElement): void {
    const seen = new Set<string>();
    for (const image of childElements(icon)) {
      if (image.localName !== "Image" || image.namespaceURI !== NS.bt) {
        this.report(image, `unexpected element ${image.tagName} in the mobile Icon`);
        continue;
      }
      const size = Number(attr(image, "size"));
      const scale = Number(attr(image, "scale"));
      const key = `${size}@${scale}`;
      if (!(MOBILE_ICON_SIZES as readonly number[]).includes(size)) {
        this.report(
          image,
          `mobile icon size must be one of ${MOBILE_ICON_SIZES.join(", ")}, not "${attr(image, "size") ?? ""}"`,
        );
        continue;
      }
      if (!(MOBILE_ICON_SCALES as readonly number[]).includes(scale)) {
        this.report(
          image,
          `mobile icon scale must be one of ${MOBILE_ICON_SCALES.join(", ")}, not "${attr(image, "scale") ?? ""}"`,
        );
        continue;
      }
      if (seen.has(key)) this.report(image, `the mobile Icon has size ${size} at scale ${scale} twice`);
      seen.add(key);
      this.checkGreyIcon(image);
    }
    for (const size of MOBILE_ICON_SIZES) {
      for (const scale of MOBILE_ICON_SCALES) {
        if (!seen.has(`${size}@${scale}`)) {
          this.report(icon, `the mobile Icon needs a bt:Image of size ${size} at scale ${scale}`);
        }
      }
    }
  }

  /** The bt:Image resource an icon's resid names, in the nearest Resources above it. */
  private imageResource(image: XmlElement): XmlElement | undefined {
    const resid = attr(image, "resid");
    if (resid === undefined) return undefined;
    for (const vo of ancestors(image).filter((el) => el.localName === "VersionOverrides")) {
      const images = firstChild(firstChild(vo, "Resources") ?? vo, "Images");
      const found = images && childrenNamed(images, "Image").find((el) => attr(el, "id") === resid);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private checkGreyIcon(image: XmlElement): void {
    const { assetDir, origin } = this.options;
    const resource = this.imageResource(image);
    if (assetDir === undefined || origin === undefined || resource === undefined) return;
    const url = parseUrl((attr(resource, "DefaultValue") ?? "").trim());
    const own = parseUrl(origin);
    if (url === undefined || own === undefined || url.origin !== own.origin) return;
    const at = url.pathname.indexOf("/assets/");
    if (at === -1) return;
    const relative = decodeURIComponent(url.pathname.slice(at + "/assets/".length));
    if (relative.split("/").some((part) => part === "" || part === "..")) return;
    let png: PNG;
    try {
      png = PNG.sync.read(readFileSync(join(assetDir, ...relative.split("/"))));
    } catch {
      return; // missing or not a PNG: validateManifest reports it
    }
    const problem = greyProblem(png);
    if (problem !== undefined) this.report(image, `mobile icon file "${relative}" ${problem}`);
  }

  private checkFunction(action: XmlElement): void {
    const nameEl = firstChild(action, "FunctionName");
    const name = nameEl === undefined ? "" : text(nameEl);
    if (name === "") return; // validateManifest reports a missing FunctionName
    const sources = this.options.sourceFiles ?? [];
    if (sources.length === 0) return;
    const quoted = new RegExp(`["'\`]${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`);
    if (!sources.some((file) => quoted.test(file.text))) {
      this.report(
        nameEl ?? action,
        `no source file names the function "${name}" (Office.actions.associate), so the button would do nothing`,
      );
    }
  }

  /** The Requirements that apply to the surface (nearest VersionOverrides, else the base) allow Mailbox 1.3. */
  private checkRequirement(surface: XmlElement): void {
    for (const holder of ancestors(surface)) {
      const requirements = firstChild(holder, "Requirements");
      const sets = requirements && firstChild(requirements, "Sets");
      if (requirements === undefined || sets === undefined) continue;
      const mailbox = childrenNamed(sets, "Set").find(
        (el) => (attr(el, "Name") ?? "").toLowerCase() === "mailbox",
      );
      if (mailbox === undefined) return; // validateManifest reports it
      const version = attr(mailbox, "MinVersion") ?? attr(sets, "DefaultMinVersion") ?? "1.1";
      if (compareVersions(version, MOBILE_SURFACE_MAILBOX) < 0) {
        this.report(
          mailbox,
          `Mailbox MinVersion ${version} is below ${MOBILE_SURFACE_MAILBOX}, which the ${MOBILE_SURFACE} needs`,
        );
      }
      return;
    }
  }
}

function hex(value: number): string {
  return value.toString(16).padStart(2, "0");
}

/** Why a decoded PNG is not a valid Outlook mobile icon, or undefined when it is (grey #919191 only). */
export function greyProblem(png: PNG): string | undefined {
  let visible = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2], png.data[i * 4 + 3]];
    if (a === 0) continue;
    visible++;
    if (r !== MOBILE_ICON_GREY || g !== MOBILE_ICON_GREY || b !== MOBILE_ICON_GREY) {
      const x = i % png.width;
      const y = Math.floor(i / png.width);
      return `has colour #${hex(r ?? 0)}${hex(g ?? 0)}${hex(b ?? 0)} at pixel (${x}, ${y}); Outlook mobile icons must use only the grey #919191`;
    }
  }
  return visible === 0 ? "is fully transparent" : undefined;
}

/** Checks the Outlook mobile part of a MailApp manifest; returns the problems found. Never throws. */
export function validateMobileFormFactor(xml: string, options: ValidateMobileOptions = {}): Problem[] {
  return new MobileValidator(options).run(xml);
}
