/**
 * Offline checks for the unified manifest (`manifest.json`).
 *
 * 1. The JSON schema of the manifest's declared `manifestVersion`, read from the schemas the npm
 *    package `@microsoft/app-manifest` ships (build/json-schemas/teams/v1.xx); nothing is downloaded.
 * 2. What the XML manifest gets checked for besides: every URL https and on the add-in origin or a
 *    valid domain; icons present at their sizes (mobile ones grey, the package outline white);
 *    at most one function command on the organizer meeting surface; every actionId naming an
 *    action of a runtime, action and control ids unique; at most 20 add-in commands; the Entra
 *    resource naming the client ID.
 *
 * Problems name the place with a JSON pointer such as `/extensions/0/ribbons/1/tabs/0`.
 */
import Ajv04, { type ErrorObject } from "ajv-draft-04";
import addFormats from "ajv-formats";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { parseUrl, readPngSize, type Problem } from "./validateManifest";
import { greyProblem } from "./validateMobile";
import { PACKAGE_ICON_SIZES, type UnifiedManifest } from "./unifiedManifest";

export interface ValidateUnifiedOptions {
  /** Directory holding the files served under `<origin>/assets/`; icon files are checked only when given. */
  assetDir?: string;
  /** The add-in's own origin; URL hosts are checked only when given. */
  origin?: string;
  /** Where the package icons' relative paths resolve (the folder of manifest.json). */
  packageDir?: string;
  /** Folder with one `v<version>` folder of schemas each; defaults to the ones @microsoft/app-manifest ships. */
  schemaRoot?: string;
}

export const MAX_ADDIN_COMMANDS = 20;
const ORGANIZER_CONTEXT = "meetingDetailsOrganizer";

/** The teams schema folders shipped in @microsoft/app-manifest. */
export function defaultSchemaRoot(): string {
  return join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build/json-schemas/teams");
}

export function schemaUrl(version: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function describeSchemaError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties")
    return `unknown property "${str(params["additionalProperty"])}"`;
  if (error.keyword === "required") return `missing required property "${str(params["missingProperty"])}"`;
  if (error.keyword === "enum")
    return `${error.message ?? "is not allowed"}: ${JSON.stringify(params["allowedValues"])}`;
  return error.message ?? error.keyword;
}

const compiled = new Map<string, ReturnType<Ajv04["compile"]>>();

class UnifiedValidator {
  private readonly problems: Problem[] = [];
  private readonly origin: URL | undefined;
  private readonly domains: URL[] = [];

  constructor(private readonly options: ValidateUnifiedOptions) {
    this.origin = options.origin === undefined ? undefined : parseUrl(options.origin);
  }

  private report(path: string, message: string): void {
    this.problems.push({ path: path === "" ? "/" : path, message });
  }

  run(manifest: unknown): Problem[] {
    if (!isRecord(manifest)) {
      this.report("/", "manifest.json must hold a JSON object");
      return this.problems;
    }
    this.checkSchema(manifest);
    for (const [i, domain] of list(manifest["validDomains"]).entries()) {
      const url = parseUrl(str(domain));
      if (url === undefined || url.protocol !== "https:") {
        this.report(`/validDomains/${i}`, `valid domain "${str(domain)}" must be an https origin`);
      } else this.domains.push(url);
    }
    this.checkUrls(manifest, "");
    this.checkPackageIcons(manifest);
    for (const [i, extension] of list(manifest["extensions"]).entries()) {
      if (isRecord(extension)) this.checkExtension(extension, `/extensions/${i}`);
    }
    this.checkWebApplicationInfo(manifest);
    return this.problems;
  }

  // --- 1. the JSON schema of the declared version ------------------------------------------------

  private checkSchema(manifest: Json): void {
    const version = str(manifest["manifestVersion"]);
    if (!/^(\d+\.\d+|devPreview)$/.test(version)) {
      this.report("/manifestVersion", `manifestVersion "${version}" is not a schema version such as "1.30"`);
      return;
    }
    const file = join(
      this.options.schemaRoot ?? defaultSchemaRoot(),
      `v${version}`,
      "MicrosoftTeams.schema.json",
    );
    if (!existsSync(file)) {
      this.report(
        "/manifestVersion",
        `no JSON schema for manifestVersion ${version} in @microsoft/app-manifest`,
      );
      return;
    }
    if (manifest["$schema"] !== undefined && manifest["$schema"] !== schemaUrl(version)) {
      this.report("/$schema", `$schema must be ${schemaUrl(version)} for manifestVersion ${version}`);
    }
    let validate = compiled.get(file);
    if (validate === undefined) {
      const ajv = new Ajv04({ allErrors: true, strict: false });
      addFormats(ajv as unknown as Parameters<typeof addFormats>[0]);
      validate = ajv.compile(JSON.parse(readFileSync(file, "utf8")) as Json);
      compiled.set(file, validate);
    }
    if (validate(manifest)) return;
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      // anyOf/oneOf repeat their branches' errors; the branch errors say more.
      if (error.keyword === "anyOf" || error.keyword === "oneOf" || error.keyword === "if") continue;
      const line = `${error.instancePath}|${describeSchemaError(error)}`;
      if (seen.has(line)) continue;
      seen.add(line);
      this.report(error.instancePath, `schema v${version}: ${describeSchemaError(error)}`);
    }
  }

  // --- 2. URLs -----------------------------------------------------------------------------------

  /** Every string that looks like a URL, except the schema's and the valid domains themselves. */
  private checkUrls(value: unknown, path: string): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.checkUrls(item, `${path}/${i}`));
      return;
    }
    if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (path === "" && (key === "$schema" || key === "validDomains")) continue;
        this.checkUrls(child, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      }
      return;
    }
    if (typeof value !== "string" || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return;
    const url = parseUrl(value);
    if (url === undefined) this.report(path, `"${value}" is not a valid URL`);
    else if (url.protocol === "api:")
      return; // the Entra Application ID URI (checked with webApplicationInfo)
    else if (url.protocol !== "https:") this.report(path, `URL "${value}" must use https`);
    else if (
      this.origin !== undefined &&
      url.origin !== this.origin.origin &&
      !this.domains.some((d) => d.origin === url.origin)
    ) {
      this.report(path, `URL "${value}" is not on the add-in origin ${this.origin.origin} or a valid domain`);
    }
  }

  // --- icons ---------------------------------------------------------------------------------------

  private checkPackageIcons(manifest: Json): void {
    const icons = manifest["icons"];
    const dir = this.options.packageDir;
    if (!isRecord(icons) || dir === undefined) return;
    for (const kind of ["color", "outline"] as const) {
      const relative = str(icons[kind]);
      if (relative === "") continue;
      if (/^[a-z]+:/i.test(relative) || relative.split("/").includes("..")) {
        this.report(`/icons/${kind}`, `icon "${relative}" must be a path inside the app package`);
        continue;
      }
      const png = this.readPng(
        `/icons/${kind}`,
        join(dir, ...relative.split("/")),
        relative,
        PACKAGE_ICON_SIZES[kind],
      );
      if (png === undefined || kind !== "outline") continue;
      const coloured = whiteProblem(png);
      if (coloured !== undefined) this.report("/icons/outline", `outline icon "${relative}" ${coloured}`);
    }
  }

  /** A PNG file of the expected size, decoded; undefined (reported) when it is not. */
  private readPng(path: string, file: string, shown: string, pixels: number): PNG | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      this.report(path, `icon file "${shown}" is missing`);
      return undefined;
    }
    const size = readPngSize(bytes);
    if (size === undefined) {
      this.report(path, `icon file "${shown}" is not a PNG`);
      return undefined;
    }
    if (size.width !== pixels || size.height !== pixels) {
      this.report(
        path,
        `icon file "${shown}" is ${size.width}x${size.height} pixels, but it is used as a ${pixels}x${pixels} icon`,
      );
      return undefined;
    }
    return PNG.sync.read(bytes);
  }

  /** An icon served from the add-in origin: the file under assetDir exists at size x scale pixels. */
  private checkServedIcon(path: string, icon: unknown, mobile: boolean): void {
    const { assetDir } = this.options;
    if (!isRecord(icon) || assetDir === undefined || this.origin === undefined) return;
    const url = parseUrl(str(icon["url"]));
    if (url === undefined || url.origin !== this.origin.origin) return;
    const at = url.pathname.indexOf("/assets/");
    const relative = at === -1 ? "" : decodeURIComponent(url.pathname.slice(at + "/assets/".length));
    if (relative === "" || relative.split("/").some((part) => part === "" || part === "..")) {
      this.report(`${path}/url`, `icon URL "${url.href}" does not name a file under /assets/`);
      return;
    }
    const pixels = Math.round(Number(icon["size"]) * (mobile ? Number(icon["scale"] ?? 1) : 1));
    if (!Number.isFinite(pixels) || pixels <= 0) return; // the schema reports it
    const png = this.readPng(`${path}/url`, join(assetDir, ...relative.split("/")), relative, pixels);
    const grey = png && mobile ? greyProblem(png) : undefined;
    if (grey !== undefined) this.report(`${path}/url`, `mobile icon file "${relative}" ${grey}`);
  }

  // --- extensions: references, the organizer surface, ids -----------------------------------------

  private checkExtension(extension: Json, path: string): void {
    const actions = new Map<string, string>();
    const runtimeIds = new Set<string>();
    for (const [r, runtime] of list(extension["runtimes"]).entries()) {
      if (!isRecord(runtime)) continue;
      const id = str(runtime["id"]);
      if (runtimeIds.has(id)) this.report(`${path}/runtimes/${r}/id`, `duplicate runtime id "${id}"`);
      runtimeIds.add(id);
      for (const [a, action] of list(runtime["actions"]).entries()) {
        if (!isRecord(action)) continue;
        const actionId = str(action["id"]);
        if (actions.has(actionId))
          this.report(`${path}/runtimes/${r}/actions/${a}/id`, `duplicate action id "${actionId}"`);
        else actions.set(actionId, str(action["type"]));
      }
    }

    const controlIds = new Set<string>();
    let commands = 0;
    const organizerFunctions: string[] = [];
    for (const [r, ribbon] of list(extension["ribbons"]).entries()) {
      if (!isRecord(ribbon)) continue;
      const onOrganizer = list(ribbon["contexts"]).includes(ORGANIZER_CONTEXT);
      for (const [t, tab] of list(ribbon["tabs"]).entries()) {
        if (!isRecord(tab)) continue;
        const groups: Array<[string, unknown, boolean]> = [
          ...list(tab["groups"]).map((g, i): [string, unknown, boolean] => [`groups/${i}`, g, false]),
          ...list(tab["customMobileRibbonGroups"]).map((g, i): [string, unknown, boolean] => [
            `customMobileRibbonGroups/${i}`,
            g,
            true,
          ]),
        ];
        for (const [groupPath, group, mobile] of groups) {
          if (!isRecord(group)) continue;
          for (const [c, control] of list(group["controls"]).entries()) {
            if (!isRecord(control)) continue;
            const at = `${path}/ribbons/${r}/tabs/${t}/${groupPath}/controls/${c}`;
            commands++;
            const id = str(control["id"]);
            if (controlIds.has(id)) this.report(`${at}/id`, `duplicate control id "${id}"`);
            controlIds.add(id);
            for (const [i, icon] of list(control["icons"]).entries())
              this.checkServedIcon(`${at}/icons/${i}`, icon, mobile);
            const actionId = str(control["actionId"]);
            if (actionId === "") continue;
            const type = actions.get(actionId);
            if (type === undefined) {
              this.report(`${at}/actionId`, `actionId "${actionId}" names no action of any runtime`);
            } else if (mobile && type !== "executeFunction") {
              this.report(
                `${at}/actionId`,
                `the mobile online-meeting button must run a function, but "${actionId}" is ${type}`,
              );
            } else if (onOrganizer && type === "executeFunction") {
              organizerFunctions.push(at);
            }
          }
        }
      }
    }
    if (organizerFunctions.length > 1) {
      this.report(
        organizerFunctions[1] ?? path,
        `${organizerFunctions.length} function commands on ${ORGANIZER_CONTEXT}; Outlook allows only one`,
      );
    }
    if (commands > MAX_ADDIN_COMMANDS) {
      this.report(
        `${path}/ribbons`,
        `${commands} add-in commands; the unified manifest allows at most ${MAX_ADDIN_COMMANDS}`,
      );
    }

    for (const [g, group] of list(extension["autoRunEvents"]).entries()) {
      if (!isRecord(group)) continue;
      for (const [e, event] of list(group["events"]).entries()) {
        if (!isRecord(event)) continue;
        const actionId = str(event["actionId"]);
        const type = actions.get(actionId);
        const at = `${path}/autoRunEvents/${g}/events/${e}/actionId`;
        if (type === undefined)
          this.report(
            at,
            `event "${str(event["type"])}" runs "${actionId}", which names no action of any runtime`,
          );
        else if (type !== "executeFunction")
          this.report(at, `event handlers must be executeFunction actions, but "${actionId}" is ${type}`);
      }
    }
  }

  private checkWebApplicationInfo(manifest: Json): void {
    const info = manifest["webApplicationInfo"];
    if (!isRecord(info)) return;
    const id = str(info["id"]);
    const resource = str(info["resource"]);
    if (resource === "") return;
    const expectedHost = this.origin?.host;
    const match = /^api:\/\/([^/]+)\/(.+)$/.exec(resource);
    if (match === null || match[2] !== id) {
      this.report(
        "/webApplicationInfo/resource",
        `resource "${resource}" must be api://{host}/${id} (the Application ID URI of the add-in's Entra app)`,
      );
    } else if (expectedHost !== undefined && match[1] !== expectedHost) {
      this.report(
        "/webApplicationInfo/resource",
        `resource "${resource}" names host ${match[1] ?? ""}, not the add-in's ${expectedHost}`,
      );
    }
  }
}

/** Why an outline icon is not white on transparent, or undefined when it is. */
export function whiteProblem(png: PNG): string | undefined {
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2], png.data[i * 4 + 3]];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
      return `is not white on transparent (pixel (${i % png.width}, ${Math.floor(i / png.width)}))`;
    }
  }
  return undefined;
}

/** Checks a parsed manifest.json; returns the problems found (empty when it passes). Never throws on bad input. */
export function validateUnifiedManifest(manifest: unknown, options: ValidateUnifiedOptions = {}): Problem[] {
  return new UnifiedValidator(options).run(manifest);
}

/** The first place two manifests differ, as a JSON pointer, or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const diff = firstDifference(a[i], b[i], `${path}/${i}`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const diff = firstDifference(a[key], b[key], `${path}/${key}`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  return a === b ? undefined : path === "" ? "/" : path;
}

export type { UnifiedManifest };
