import { DateTime } from "luxon";

/** Korea Standard Time: UTC+9 with no daylight saving, so KST days are plain arithmetic on epoch time. */
export const KST_ZONE = "Asia/Seoul";
/** The sandbox moves in 2-minute steps, the data-ingestor's schedule. */
export const STEP_MS = 120_000;
export const STEPS_PER_DAY = 720;
const DAY_MS = 86_400_000;
const KST_OFFSET_MS = 9 * 3_600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

const isoDateOf = (dt: DateTime): string => {
  const date = dt.toISODate();
  if (date === null) throw new RangeError("invalid date");
  return date;
};

/** True for a real calendar date written `YYYY-MM-DD`. */
export const isIsoDate = (value: string): boolean =>
  ISO_DATE.test(value) && DateTime.fromISO(value, { zone: KST_ZONE }).isValid;

/** `YYYYMMDD` (Eximbank's searchdate) to `YYYY-MM-DD`, or null when it is not a real date. */
export const compactToIsoDate = (value: string): string | null => {
  const match = COMPACT_DATE.exec(value);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(iso) ? iso : null;
};

/** Days since 1970-01-01 counted in KST. */
export const kstEpochDayOf = (instantMs: number): number => Math.floor((instantMs + KST_OFFSET_MS) / DAY_MS);

export const epochDayOfDate = (date: string): number =>
  Math.round(DateTime.fromISO(date, { zone: "utc" }).toMillis() / DAY_MS);

export const dateOfEpochDay = (day: number): string =>
  isoDateOf(DateTime.fromMillis(day * DAY_MS, { zone: "utc" }));

/** The KST calendar date an instant belongs to. */
export const kstDateOf = (instantMs: number): string =>
  isoDateOf(DateTime.fromMillis(instantMs, { zone: KST_ZONE }));

/** Minutes since 00:00 KST. */
export const kstMinuteOfDay = (instantMs: number): number => {
  const local = DateTime.fromMillis(instantMs, { zone: KST_ZONE });
  return local.hour * 60 + local.minute;
};

/** Which 2-minute step of its KST day an instant falls in: 0..719. */
export const stepOfKstDay = (instantMs: number): number =>
  Math.floor(((((instantMs + KST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / STEP_MS);

/** Start of the 2-minute step an instant falls in (KST is a whole number of steps from UTC). */
export const stepStartMs = (instantMs: number): number => Math.floor(instantMs / STEP_MS) * STEP_MS;

/** Monday to Friday in KST. Public holidays are not modelled. */
export const isBusinessDay = (date: string): boolean =>
  DateTime.fromISO(date, { zone: KST_ZONE }).weekday <= 5;

export const addDays = (date: string, days: number): string => dateOfEpochDay(epochDayOfDate(date) + days);

/** Every business day in [start, end], oldest first. */
export const businessDaysBetween = (start: string, end: string): string[] => {
  const days: string[] = [];
  for (let day = epochDayOfDate(start); day <= epochDayOfDate(end); day += 1) {
    const date = dateOfEpochDay(day);
    if (isBusinessDay(date)) days.push(date);
  }
  return days;
};

/** The latest business day on or before `date`. */
export const businessDayOnOrBefore = (date: string): string => {
  let current = date;
  while (!isBusinessDay(current)) current = addDays(current, -1);
  return current;
};

/** The latest business day whose KST day has fully ended at `instantMs` (its close is final). */
export const lastClosedBusinessDay = (instantMs: number): string =>
  businessDayOnOrBefore(addDays(kstDateOf(instantMs), -1));
