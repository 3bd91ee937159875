/**
 * A short key of a series' BlueJeans pattern, kept apart from the mapping (recurrence.ts) so the
 * stored meeting's record can use it without loading the mapping.
 */
import type { RecurrenceRequest } from "../../shared/api/meetings";

/** A short key of the pattern, to tell whether BlueJeans already has the series as it is now. */
export function recurrenceKey(pattern: RecurrenceRequest | undefined): string {
  if (!pattern) return "";
  return [
    pattern.recurrenceType,
    pattern.frequency,
    pattern.daysOfWeekMask ?? "",
    pattern.dayOfMonth ?? "",
    pattern.weekOfMonth ?? "",
    pattern.endDate ?? "",
  ].join(":");
}
