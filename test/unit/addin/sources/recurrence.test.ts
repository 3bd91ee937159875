/** The mapping table: every Outlook recurrence type to BlueJeans' recurrencePattern, or a refusal. */
import type { Recurrence } from "../../../../src/addin/host/ports";
import { recurrenceKey, toRecurrencePattern } from "../../../../src/addin/sources/recurrence";

const series = (fields: Partial<Recurrence>): Recurrence => ({
  recurrenceType: "daily",
  interval: 1,
  startDate: "2026-12-02",
  endDate: "2027-01-31",
  ...fields,
});
const END = Date.UTC(2027, 0, 31, 23, 59, 59, 999);

test.each<[string, Partial<Recurrence>, object]>([
  ["daily", { recurrenceType: "daily", interval: 3 }, { recurrenceType: "DAILY", frequency: 3 }],
  [
    "weekday (Monday to Friday)",
    { recurrenceType: "weekday" },
    { recurrenceType: "WEEKLY", frequency: 1, daysOfWeekMask: 62 },
  ],
  [
    "weekly on Sunday, Wednesday, Saturday",
    { recurrenceType: "weekly", interval: 2, days: ["sun", "wed", "sat"] },
    { recurrenceType: "WEEKLY", frequency: 2, daysOfWeekMask: 1 | 8 | 64 },
  ],
  [
    "monthly on a date",
    { recurrenceType: "monthly", dayOfMonth: 31 },
    { recurrenceType: "MONTHLY", frequency: 1, dayOfMonth: 31 },
  ],
  [
    "monthly on a weekday of the month",
    { recurrenceType: "monthly", interval: 2, dayOfWeek: "tue", weekNumber: "second" },
    { recurrenceType: "MONTHLY", frequency: 2, daysOfWeekMask: 4, weekOfMonth: "SECOND" },
  ],
  [
    "monthly on the last Friday",
    { recurrenceType: "monthly", dayOfWeek: "fri", weekNumber: "last" },
    { recurrenceType: "MONTHLY", frequency: 1, daysOfWeekMask: 32, weekOfMonth: "LAST" },
  ],
])("%s maps to BlueJeans' pattern with the series' end", (_name, fields, expected) => {
  expect(toRecurrencePattern(series(fields))).toEqual({ ok: true, pattern: { ...expected, endDate: END } });
});

test("a series without an end maps to a pattern without endDate (an endless meeting)", () => {
  expect(toRecurrencePattern(series({ endDate: null }))).toEqual({
    ok: true,
    pattern: { recurrenceType: "DAILY", frequency: 1 },
  });
});

test.each<[string, Partial<Recurrence>, RegExp]>([
  ["yearly on a date", { recurrenceType: "yearly", month: "mar", dayOfMonth: 4 }, /not yearly/],
  [
    "yearly on a weekday",
    { recurrenceType: "yearly", month: "nov", dayOfWeek: "thu", weekNumber: "fourth" },
    /not yearly/,
  ],
  [
    "monthly on the first weekday",
    { recurrenceType: "monthly", dayOfWeek: "weekday", weekNumber: "first" },
    /not on "the first weekday"/,
  ],
  [
    "monthly on the last weekend day",
    { recurrenceType: "monthly", dayOfWeek: "weekendDay", weekNumber: "last" },
    /not on/,
  ],
  ["weekly without days", { recurrenceType: "weekly", days: [] }, /names no days/],
  ["an interval BlueJeans does not take", { recurrenceType: "daily", interval: 120 }, /at most 99/],
  ["an end before the start", { endDate: "2026-11-30" }, /ends before it starts/],
])("%s is refused with a reason", (_name, fields, reason) => {
  const mapped = toRecurrencePattern(series(fields));
  expect(mapped.ok).toBe(false);
  expect(mapped.ok ? "" : mapped.reason).toMatch(reason);
});

test("the key tells patterns apart and is empty for a single appointment", () => {
  const weekly = toRecurrencePattern(series({ recurrenceType: "weekly", days: ["mon"] }));
  const daily = toRecurrencePattern(series({}));
  expect(weekly.ok && daily.ok).toBe(true);
  if (weekly.ok && daily.ok) expect(recurrenceKey(weekly.pattern)).not.toBe(recurrenceKey(daily.pattern));
  expect(recurrenceKey(undefined)).toBe("");
});
