/**
 * Outlook's series (item.recurrence) as BlueJeans' recurrencePattern. BlueJeans repeats meetings
 * daily, weekly or monthly only; anything it cannot hold is refused with a reason in plain words,
 * so a series never gets a meeting that quietly ends after its first occurrence.
 */
import type { RecurrenceRequest } from "../../shared/api/meetings";
import type { Recurrence } from "../host/ports";

/** The fields of BlueJeans' Meeting.recurrencePattern the add-in sets (the meetings API's contract). */
export type RecurrencePattern = RecurrenceRequest;
type WeekOfMonth = NonNullable<RecurrenceRequest["weekOfMonth"]>;

export type RecurrenceMapping = { ok: true; pattern: RecurrencePattern } | { ok: false; reason: string };

export const DAY_MASK: Readonly<Record<string, number>> = {
  sun: 1,
  mon: 2,
  tue: 4,
  wed: 8,
  thu: 16,
  fri: 32,
  sat: 64,
};
/** Monday to Friday. */
export const WEEKDAYS_MASK = 62;

/** Outlook's weeks of the month; BlueJeans spells them in capitals. */
const WEEKS_OF_MONTH: readonly string[] = ["first", "second", "third", "fourth", "last"];

/** The largest interval BlueJeans is asked for; Outlook allows up to 999 days. */
const MAX_FREQUENCY = 99;

function dayNumber(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? undefined : ms;
}

const refuse = (reason: string): RecurrenceMapping => ({ ok: false, reason });

function daysMask(days: readonly string[] | undefined): number | undefined {
  if (!days || days.length === 0) return undefined;
  let mask = 0;
  for (const day of days) {
    const bit = DAY_MASK[day.toLowerCase()];
    if (bit === undefined) return undefined;
    mask |= bit;
  }
  return mask;
}

/** Maps an Outlook series to BlueJeans' pattern, or says in plain words why BlueJeans cannot hold it. */
export function toRecurrencePattern(series: Recurrence): RecurrenceMapping {
  const frequency = series.interval;
  if (!Number.isInteger(frequency) || frequency < 1 || frequency > MAX_FREQUENCY) {
    return refuse(
      `BlueJeans cannot repeat a meeting every ${frequency} intervals (at most ${MAX_FREQUENCY}).`,
    );
  }
  const start = dayNumber(series.startDate);
  if (start === undefined) return refuse("The series has no start date BlueJeans can use.");
  let endDate: number | undefined;
  if (series.endDate !== null) {
    const end = dayNumber(series.endDate);
    if (end === undefined || end < start) return refuse("The series ends before it starts.");
    endDate = end + 24 * 60 * 60 * 1000 - 1;
  }
  const withEnd = (pattern: RecurrencePattern): RecurrenceMapping => ({
    ok: true,
    pattern: endDate === undefined ? pattern : { ...pattern, endDate },
  });

  switch (series.recurrenceType) {
    case "daily":
      return withEnd({ recurrenceType: "DAILY", frequency });
    case "weekday":
      return withEnd({ recurrenceType: "WEEKLY", frequency: 1, daysOfWeekMask: WEEKDAYS_MASK });
    case "weekly": {
      const mask = daysMask(series.days);
      if (mask === undefined) return refuse("The weekly series names no days BlueJeans knows.");
      return withEnd({ recurrenceType: "WEEKLY", frequency, daysOfWeekMask: mask });
    }
    case "monthly": {
      if (series.dayOfWeek !== undefined) {
        const bit = DAY_MASK[series.dayOfWeek.toLowerCase()];
        const named = (series.weekNumber ?? "").toLowerCase();
        const week = WEEKS_OF_MONTH.includes(named) ? (named.toUpperCase() as WeekOfMonth) : undefined;
        if (bit === undefined) {
          return refuse(
            `BlueJeans can repeat a meeting on a given weekday of the month, but not on "the ${series.weekNumber ?? ""} ${series.dayOfWeek}".`,
          );
        }
        if (week === undefined) return refuse("The monthly series names no week of the month.");
        return withEnd({ recurrenceType: "MONTHLY", frequency, daysOfWeekMask: bit, weekOfMonth: week });
      }
      const day = series.dayOfMonth;
      if (day === undefined || !Number.isInteger(day) || day < 1 || day > 31) {
        return refuse("The monthly series names no day of the month.");
      }
      return withEnd({ recurrenceType: "MONTHLY", frequency, dayOfMonth: day });
    }
    case "yearly":
      return refuse("BlueJeans meetings can repeat daily, weekly or monthly, but not yearly.");
    default:
      return refuse("BlueJeans cannot repeat a meeting this way.");
  }
}

export { recurrenceKey } from "./recurrenceKey";
