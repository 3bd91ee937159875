/**
 * The few fields of the add-in's /config.json the event handlers need, read without the consent
 * core (which would not fit the event bundle). Anything unexpected counts as "not offered".
 */
export interface EventConfig {
  /** The server can create scheduled meetings. */
  scheduledMeetings: boolean;
  /** The admin turned the automatic add on for everyone. */
  autoAddAlways: boolean;
}

export const NO_CONFIG: EventConfig = { scheduledMeetings: false, autoAddAlways: false };

export function readEventConfig(raw: unknown): EventConfig {
  if (typeof raw !== "object" || raw === null) return NO_CONFIG;
  const r = raw as { features?: { scheduledMeetings?: unknown } | null; autoAddMeetings?: unknown };
  return {
    // Reading a field of a string or number gives undefined: only `true` itself counts.
    scheduledMeetings: r.features?.scheduledMeetings === true,
    autoAddAlways: r.autoAddMeetings === "always",
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
