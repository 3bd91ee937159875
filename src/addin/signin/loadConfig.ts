/**
 * Fetches the add-in's runtime configuration (/config.json) and checks it with parseConfig.
 * No MSAL here: the pane's consent section and the small pages import this on its own.
 */
import { parseConfig, type AddinConfig } from "../../shared/consent/config";

export type LoadedConfig =
  | { ok: true; config: AddinConfig }
  /** `reason` is one sentence for people; `problems` lists each bad field for whoever fixes the file. */
  | { ok: false; reason: string; problems: string[] };

export type FetchLike = (
  url: string,
  init?: { cache?: RequestCache; credentials?: RequestCredentials },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export const CONFIG_URL = "/config.json";
const MAX_CONFIG_BYTES = 256 * 1024;

export async function loadAddinConfig(
  fetchFn: FetchLike = (url, init) => fetch(url, init),
  url: string = CONFIG_URL,
): Promise<LoadedConfig> {
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchFn(url, { cache: "no-cache", credentials: "same-origin" });
  } catch {
    return {
      ok: false,
      reason: "The add-in's sign-in settings could not be downloaded. Check the connection and try again.",
      problems: [`${url}: no answer`],
    };
  }
  if (!response.ok) {
    return {
      ok: false,
      reason:
        response.status === 404
          ? "The add-in's sign-in settings are missing on the server, so Microsoft 365 access cannot be checked."
          : "The add-in's sign-in settings could not be downloaded.",
      problems: [`${url}: HTTP ${response.status}`],
    };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return {
      ok: false,
      reason: "The add-in's sign-in settings could not be read.",
      problems: [`${url}: unreadable`],
    };
  }
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      ok: false,
      reason: "The add-in's sign-in settings file is too large.",
      problems: [`${url}: too large`],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: "The add-in's sign-in settings are not valid JSON.",
      problems: [`${url}: not valid JSON`],
    };
  }
  const parsed = parseConfig(raw);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: "The add-in's sign-in settings are incomplete or wrong, so no approval links can be made.",
      problems: parsed.problems,
    };
  }
  if (parsed.config.clientId === "") {
    return {
      ok: false,
      reason:
        "The add-in is not registered with Microsoft yet (its client ID is empty), so it cannot sign in.",
      problems: ["clientId: empty (fill in the add-in's client ID)"],
    };
  }
  return { ok: true, config: parsed.config };
}
