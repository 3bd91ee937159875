/**
 * The few fields of the add-in's /config.json the event handlers need, read without the consent
 * core (which would not fit the event bundle). Anything unexpected counts as "not offered".
 */
export interface EventConfig {
  /** The server can create scheduled meetings. */
  scheduledMeetings: boolean;
  /** The admin turned the automatic add on for everyone. */
  autoAddAlways: boolean;
  /** The add-in's Entra client ID ("" when not configured). */
  clientId: string;
}

export const NO_CONFIG: EventConfig = { scheduledMeetings: false, autoAddAlways: false, clientId: "" };

export function readEventConfig(raw: unknown): EventConfig {
  if (typeof raw !== "object" || raw === null) return NO_CONFIG;
  const r = raw as Record<string, unknown>;
  const features = r.features as Record<string, unknown> | undefined;
  return {
    scheduledMeetings:
      typeof features === "object" && features !== null && features.scheduledMeetings === true,
    autoAddAlways: r.autoAddMeetings === "always",
    clientId: typeof r.clientId === "string" && /^[0-9a-zA-Z-]{1,64}$/.test(r.clientId) ? r.clientId : "",
  };
}

/** Fetches and reads /config.json; never rejects (a missing file means nothing is offered). */
export async function loadEventConfig(origin: string, doFetch: typeof fetch): Promise<EventConfig> {
  try {
    const response = await doFetch(`${origin}/config.json`, { cache: "no-cache" });
    if (!response.ok) return NO_CONFIG;
    return readEventConfig(await response.json());
  } catch {
    return NO_CONFIG;
  }
}
