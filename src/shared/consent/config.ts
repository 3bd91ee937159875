/**
 * Runtime configuration of sign-in and consent, served as /config.json so an admin can change
 * client IDs, cloud and tenant without rebuilding. parseConfig checks every field and names the
 * bad one, because the person reading the message is an admin editing JSON by hand.
 */
import {
  guidProblem,
  hostProblem,
  redirectUriProblem,
  scopeProblem,
  secureUrlProblem,
  tenantProblem,
} from "./validate";

export type Cloud = "public" | "usgov" | "china";

export const CLOUDS: readonly Cloud[] = ["public", "usgov", "china"];

/** Where people sign in, per national cloud. */
export const SIGN_IN_HOSTS: Readonly<Record<Cloud, string>> = {
  public: "login.microsoftonline.com",
  usgov: "login.microsoftonline.us",
  china: "login.partner.microsoftonline.cn",
};

/** Microsoft Graph's host in each cloud: a scope naming another cloud's Graph cannot be granted. */
const GRAPH_HOSTS: Readonly<Record<Cloud, readonly string[]>> = {
  public: ["graph.microsoft.com"],
  usgov: ["graph.microsoft.us", "dod-graph.microsoft.us"],
  china: ["microsoftgraph.chinacloudapi.cn"],
};

/** One BlueJeans app that needs its own admin consent (each has its own client ID). */
export interface ConsentApp {
  /** Stable id used in consent state and the UI, e.g. "desktop-windows". */
  id: string;
  name: string;
  /** Absent until the admin fills it in: the app is then "not configured" and never linked. */
  clientId?: string;
  /** Where the admin-consent page returns to; must be registered on that app. */
  redirectUri: string;
  scopes: string[];
  /** One line telling the admin why the app asks for these permissions. */
  purpose: string;
}

export interface AddinConfig {
  /** The add-in's own app registration; "" until the admin fills it in. */
  clientId: string;
  cloud: Cloud;
  /** Pin sign-in to one organisation (tenant ID or domain); absent means any work or school tenant. */
  tenant?: string;
  /**
   * Replaces https://{sign-in host} (for a test identity provider). The tenant is appended to it,
   * both for MSAL's authority and for admin-consent links.
   */
  authority?: string;
  /** Hosts MSAL may trust besides Microsoft's (needed with a custom authority), e.g. "localhost:8443". */
  knownAuthorities?: string[];
  /** What the add-in asks for when it signs in. */
  scopes: string[];
  /** MSAL's redirect page (path on the add-in's origin, or absolute). */
  redirectUri: string;
  /** The page admin-consent links of the add-in itself return to. */
  consentRedirectUri: string;
  apps: ConsentApp[];
  /** Set by the server: what it offers beyond the personal room. */
  features?: { scheduledMeetings: boolean };
  /**
   * Adding a BlueJeans meeting to every new appointment: "person" (each person's own setting, the
   * default) or "always" (the admin turns it on for everyone).
   */
  autoAddMeetings?: "person" | "always";
}

export type ParseConfigResult = { ok: true; config: AddinConfig } | { ok: false; problems: string[] };

export type ConfiguredApp = ConsentApp & { clientId: string };

export function isAppConfigured(app: ConsentApp): app is ConfiguredApp {
  return typeof app.clientId === "string" && app.clientId.length > 0;
}

export function signInHostFor(cloud: Cloud): string {
  return SIGN_IN_HOSTS[cloud];
}

/** https://{sign-in host}, or the authority override without a trailing slash. */
export function authorityBaseFor(config: Pick<AddinConfig, "cloud" | "authority">): string {
  return (config.authority ?? `https://${SIGN_IN_HOSTS[config.cloud]}`).replace(/\/+$/, "");
}

/** MSAL's auth.authority: the base plus the pinned tenant, else "organizations" (never "common"). */
export function msalAuthorityFor(config: Pick<AddinConfig, "cloud" | "authority" | "tenant">): string {
  return `${authorityBaseFor(config)}/${config.tenant ?? "organizations"}`;
}

/** Makes a configured redirect URI absolute against the origin the add-in is served from. */
/** The scope of the add-in's own API (served from the add-in's host), which the pane asks tokens for. */
export function apiScopeFor(host: string, clientId: string): string {
  return `api://${host}/${clientId}/access_as_user`;
}

export function absoluteRedirectUri(uriOrPath: string, origin: string): string {
  return uriOrPath.startsWith("/") ? new URL(uriOrPath, origin).toString() : uriOrPath;
}

const TOP_LEVEL_KEYS = [
  "clientId",
  "cloud",
  "tenant",
  "authority",
  "knownAuthorities",
  "scopes",
  "redirectUri",
  "consentRedirectUri",
  "apps",
] as const;
const APP_KEYS = ["id", "name", "clientId", "redirectUri", "scopes", "purpose"] as const;
const APP_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Collects problems as "field: what is wrong". */
class Problems {
  readonly list: string[] = [];
  add(field: string, problem: string | undefined): void {
    if (problem !== undefined) this.list.push(`${field}: ${problem}`);
  }
}

/**
 * Unknown keys are ignored so other parts of the add-in can share config.json, but a key that
 * differs from a known one only in case ("clientID") is almost surely a typo that would otherwise
 * silently leave an app unconfigured.
 */
function checkKeyCase(obj: Json, known: readonly string[], prefix: string, problems: Problems): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const meant = known.find((k) => k.toLowerCase() === key.toLowerCase());
    if (meant !== undefined) problems.add(`${prefix}${key}`, `unknown field; did you mean "${meant}"?`);
  }
}

function requiredString(obj: Json, key: string, field: string, problems: Problems): string | undefined {
  const value = obj[key];
  if (value === undefined) {
    problems.add(field, "missing");
    return undefined;
  }
  if (typeof value !== "string") {
    problems.add(field, "must be a string");
    return undefined;
  }
  return value;
}

function optionalString(obj: Json, key: string, field: string, problems: Problems): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    problems.add(field, "must be a string");
    return undefined;
  }
  return value;
}

function scopeList(obj: Json, key: string, field: string, cloud: Cloud | undefined, problems: Problems) {
  const value = obj[key];
  if (value === undefined) {
    problems.add(field, "missing");
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(field, "must be a list of scopes");
    return undefined;
  }
  if (value.length === 0) {
    problems.add(field, "must list at least one scope");
    return undefined;
  }
  const scopes: string[] = [];
  value.forEach((scope: unknown, i) => {
    if (typeof scope !== "string") {
      problems.add(`${field}[${i}]`, "must be a string");
      return;
    }
    const problem = scopeProblem(scope) ?? (cloud ? wrongCloudGraph(scope, cloud) : undefined);
    problems.add(`${field}[${i}]`, problem);
    if (problem === undefined) scopes.push(scope);
  });
  return scopes.length === value.length ? scopes : undefined;
}

function wrongCloudGraph(scope: string, cloud: Cloud): string | undefined {
  let host: string;
  try {
    host = new URL(scope).hostname.toLowerCase();
  } catch {
    return undefined; // a bare scope such as "User.Read" or "offline_access"
  }
  const owner = CLOUDS.find((c) => GRAPH_HOSTS[c].includes(host));
  if (owner === undefined || owner === cloud) return undefined;
  return `names Microsoft Graph of the ${owner} cloud; in the ${cloud} cloud use https://${GRAPH_HOSTS[cloud][0]}/...`;
}

function parseCloud(obj: Json, problems: Problems): Cloud | undefined {
  const value = obj["cloud"];
  if (value === undefined) {
    problems.add("cloud", `missing (one of ${CLOUDS.join(", ")})`);
    return undefined;
  }
  const cloud = CLOUDS.find((c) => c === value);
  if (cloud === undefined) problems.add("cloud", `must be one of ${CLOUDS.join(", ")}`);
  return cloud;
}

function parseClientId(value: string | undefined, field: string, problems: Problems): string | undefined {
  if (value === undefined || value === "") return value;
  const problem = guidProblem(value);
  problems.add(field, problem);
  return problem === undefined ? value : undefined;
}

function parseKnownAuthorities(obj: Json, authority: string | undefined, problems: Problems) {
  const value = obj["knownAuthorities"];
  let hosts: string[] | undefined;
  if (value !== undefined) {
    if (!Array.isArray(value)) {
      problems.add("knownAuthorities", "must be a list of host names");
    } else {
      hosts = [];
      value.forEach((host: unknown, i) => {
        if (typeof host !== "string") problems.add(`knownAuthorities[${i}]`, "must be a string");
        else {
          problems.add(`knownAuthorities[${i}]`, hostProblem(host));
          hosts?.push(host);
        }
      });
    }
  }
  // MSAL refuses an authority it does not know (untrusted_authority): say so before it does.
  if (authority !== undefined && secureUrlProblem(authority) === undefined) {
    const host = new URL(authority).host.toLowerCase();
    const isMicrosoft = Object.values(SIGN_IN_HOSTS).includes(host);
    if (!isMicrosoft && !(hosts ?? []).some((h) => h.toLowerCase() === host)) {
      problems.add("knownAuthorities", `must list ${host}, the host of authority`);
    }
  }
  return hosts;
}

function parseAuthority(obj: Json, problems: Problems): string | undefined {
  const authority = optionalString(obj, "authority", "authority", problems);
  if (authority === undefined) return undefined;
  const problem =
    secureUrlProblem(authority) ??
    (new URL(authority).search !== "" ? "must not contain a query" : undefined);
  problems.add("authority", problem);
  return problem === undefined ? authority : undefined;
}

function parseRedirect(obj: Json, key: string, field: string, problems: Problems): string | undefined {
  const value = requiredString(obj, key, field, problems);
  if (value === undefined) return undefined;
  const problem = redirectUriProblem(value);
  problems.add(field, problem);
  return problem === undefined ? value : undefined;
}

function parseApp(raw: unknown, i: number, cloud: Cloud | undefined, problems: Problems) {
  const at = `apps[${i}]`;
  if (!isObject(raw)) {
    problems.add(at, "must be an object");
    return undefined;
  }
  checkKeyCase(raw, APP_KEYS, `${at}.`, problems);
  const id = requiredString(raw, "id", `${at}.id`, problems);
  if (id !== undefined && !APP_ID.test(id)) {
    problems.add(`${at}.id`, "use lower-case letters, digits and hyphens (e.g. desktop-windows)");
  }
  const name = requiredString(raw, "name", `${at}.name`, problems);
  if (name !== undefined && name.trim() === "") problems.add(`${at}.name`, "empty");
  const clientId = parseClientId(
    optionalString(raw, "clientId", `${at}.clientId`, problems),
    `${at}.clientId`,
    problems,
  );
  const redirectUri = parseRedirect(raw, "redirectUri", `${at}.redirectUri`, problems);
  const scopes = scopeList(raw, "scopes", `${at}.scopes`, cloud, problems);
  const purpose = requiredString(raw, "purpose", `${at}.purpose`, problems);
  if (purpose !== undefined && purpose.trim() === "") problems.add(`${at}.purpose`, "empty");

  if (id === undefined || name === undefined || redirectUri === undefined || scopes === undefined)
    return undefined;
  if (purpose === undefined) return undefined;
  const app: ConsentApp = { id, name, redirectUri, scopes, purpose };
  if (clientId) app.clientId = clientId;
  return app;
}

function parseApps(obj: Json, cloud: Cloud | undefined, problems: Problems): ConsentApp[] | undefined {
  const value = obj["apps"];
  if (value === undefined) {
    problems.add("apps", "missing (use [] for none)");
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add("apps", "must be a list");
    return undefined;
  }
  const apps = value.map((raw: unknown, i) => parseApp(raw, i, cloud, problems));
  const seenIds = new Map<string, number>();
  const seenClientIds = new Map<string, number>();
  apps.forEach((app, i) => {
    if (!app) return;
    const sameId = seenIds.get(app.id);
    if (sameId !== undefined) problems.add(`apps[${i}].id`, `same as apps[${sameId}].id`);
    else seenIds.set(app.id, i);
    if (app.clientId === undefined) return;
    const key = app.clientId.toLowerCase();
    const sameClient = seenClientIds.get(key);
    if (sameClient !== undefined) {
      problems.add(
        `apps[${i}].clientId`,
        `same as apps[${sameClient}].clientId; each app has its own client ID`,
      );
    } else seenClientIds.set(key, i);
  });
  return apps.every((app) => app !== undefined) ? (apps as ConsentApp[]) : undefined;
}

export function parseConfig(raw: unknown): ParseConfigResult {
  if (!isObject(raw)) return { ok: false, problems: ["config: must be a JSON object"] };
  const problems = new Problems();
  checkKeyCase(raw, TOP_LEVEL_KEYS, "", problems);

  const cloud = parseCloud(raw, problems);
  let clientId: string | undefined;
  if (raw["clientId"] === undefined)
    problems.add("clientId", 'missing (use "" until the add-in is registered)');
  else clientId = parseClientId(requiredString(raw, "clientId", "clientId", problems), "clientId", problems);

  const tenant = optionalString(raw, "tenant", "tenant", problems);
  if (tenant !== undefined) problems.add("tenant", tenantProblem(tenant, { allowOrganizations: true }));

  const authority = parseAuthority(raw, problems);
  const knownAuthorities = parseKnownAuthorities(raw, authority, problems);
  const scopes = scopeList(raw, "scopes", "scopes", cloud, problems);
  const redirectUri = parseRedirect(raw, "redirectUri", "redirectUri", problems);
  const consentRedirectUri = parseRedirect(raw, "consentRedirectUri", "consentRedirectUri", problems);
  const apps = parseApps(raw, cloud, problems);

  const autoAdd = (raw as { autoAddMeetings?: unknown }).autoAddMeetings;
  if (autoAdd !== undefined && autoAdd !== "person" && autoAdd !== "always") {
    problems.add("autoAddMeetings", 'must be "person" (each person chooses) or "always"');
  }

  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  // Every required field passed its check above, so none of these is undefined here.
  const config: AddinConfig = {
    clientId: clientId ?? "",
    cloud: cloud ?? "public",
    scopes: scopes ?? [],
    redirectUri: redirectUri ?? "",
    consentRedirectUri: consentRedirectUri ?? "",
    apps: apps ?? [],
  };
  if (tenant !== undefined) config.tenant = tenant;
  if (authority !== undefined) config.authority = authority;
  if (knownAuthorities !== undefined) config.knownAuthorities = knownAuthorities;
  if (autoAdd === "person" || autoAdd === "always") config.autoAddMeetings = autoAdd;
  const features = (raw as { features?: unknown }).features;
  if (typeof features === "object" && features !== null) {
    config.features = {
      scheduledMeetings: (features as { scheduledMeetings?: unknown }).scheduledMeetings === true,
    };
  }
  return { ok: true, config };
}
