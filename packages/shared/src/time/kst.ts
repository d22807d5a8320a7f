import { DateTime } from "luxon";

/** Korea Standard Time: UTC+9, no daylight saving. Every "day" in the product is a KST calendar day. */
export const KST_ZONE = "Asia/Seoul";

/** A KST calendar date, `YYYY-MM-DD`. */
export type KstDate = string;

const KST_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The KST calendar date an instant belongs to.
 * @example kstDateOf(new Date("2026-11-27T15:00:00Z")) // "2026-11-28"
 */
export const kstDateOf = (instant: Date): KstDate =>
  DateTime.fromJSDate(instant, { zone: KST_ZONE }).toISODate() as KstDate;

const parseKst = (date: KstDate): DateTime => {
  const dt = DateTime.fromISO(date, { zone: KST_ZONE });
  if (!KST_DATE.test(date) || !dt.isValid) throw new RangeError(`not a KST date: ${date}`);
  return dt;
};

export const isKstDate = (value: string): value is KstDate =>
  KST_DATE.test(value) && DateTime.fromISO(value, { zone: KST_ZONE }).isValid;

/** Adds (or with a negative `days`, subtracts) calendar days to a KST date. */
export const addKstDays = (date: KstDate, days: number): KstDate =>
  parseKst(date).plus({ days }).toISODate() as KstDate;

/**
 * The UTC instants a KST day spans: `[start, end)`.
 * @example kstDayRange("2026-11-28") // { start: 2026-11-27T15:00:00Z, end: 2026-11-28T15:00:00Z }
 */
export const kstDayRange = (date: KstDate): { start: Date; end: Date } => {
  const start = parseKst(date).startOf("day");
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
};

/** The `count` KST dates ending with `last` (inclusive), oldest first. */
export const kstDatesEndingAt = (last: KstDate, count: number): KstDate[] =>
  Array.from({ length: count }, (_, i) => addKstDays(last, i - (count - 1)));

/** KST dates from `from` to `to` inclusive, oldest first; empty when `from` is after `to`. */
export const kstDatesBetween = (from: KstDate, to: KstDate): KstDate[] => {
  const days = Math.round(parseKst(to).diff(parseKst(from), "days").days);
  return days < 0 ? [] : kstDatesEndingAt(to, days + 1);
};

/** Day of week of a KST date, 1 = Monday … 7 = Sunday. */
export const kstWeekday = (date: KstDate): number => parseKst(date).weekday;
