/**
 * Zones found known, so each is checked once: building an Intl.DateTimeFormat to find out is
 * costly enough to show in the server's profile on every create. Bounded, so a stream of made-up
 * names cannot grow it (unknown names are not kept).
 */
const known = new Set<string>();
const MAX_KNOWN = 1_000;

/** Whether `zone` is an IANA time zone this runtime knows (e.g. "Europe/Berlin"). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  if (known.has(zone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    return false;
  }
  if (known.size < MAX_KNOWN) known.add(zone);
  return true;
}
