import {
  addKstDays,
  HISTORY_INTERVALS as INTERVALS,
  type KstDate,
  kstDateOf,
  kstDayRange,
  HISTORY_PERIODS as PERIODS,
} from "@trip/shared";

/** The periods and intervals are the contract's, defined with the response schemas in the shared package. */
export { INTERVALS, PERIODS };
export type Period = (typeof PERIODS)[number];

export type Interval = (typeof INTERVALS)[number];

/** Calendar length of each period in days. */
export const PERIOD_DAYS: Record<Period, number> = {
  "1d": 1,
  "1w": 7,
  "1m": 30,
  "3m": 90,
  "6m": 180,
  "1y": 365,
};

export const INTERVAL_SECONDS: Record<Interval, number> = { "5min": 300, hourly: 3600, daily: 86_400 };

/** The default interval keeps a response at or below this many points. */
export const DEFAULT_POINT_BUDGET = 400;
/** An explicit interval may not ask for more buckets than this (1y of 5-minute bars would be 105k). */
export const MAX_POINTS = 2200;

/** How many buckets a period holds at an interval (the most points a response can have). */
export const bucketCount = (period: Period, interval: Interval): number =>
  (PERIOD_DAYS[period] * 86_400) / INTERVAL_SECONDS[interval];

/**
 * The finest interval whose bucket count stays within the budget: 1d → 5min (288), 1w → hourly (168),
 * 1m and longer → daily (30…365).
 */
export const defaultInterval = (period: Period): Interval =>
  INTERVALS.find((interval) => bucketCount(period, interval) <= DEFAULT_POINT_BUDGET) ?? "daily";

/** Whether an explicitly requested interval is allowed for a period (its bucket count fits MAX_POINTS). */
export const intervalAllowed = (period: Period, interval: Interval): boolean =>
  bucketCount(period, interval) <= MAX_POINTS;

/** A bucketed time window: `[from, to)` in UTC, plus the KST dates it spans when bucketed daily. */
export type Window =
  | { kind: "intraday"; interval: "5min" | "hourly"; bucketSeconds: number; from: Date; to: Date }
  | { kind: "daily"; interval: "daily"; firstDate: KstDate; lastDate: KstDate; from: Date; to: Date };

/**
 * The buckets a period covers at `now`. Intraday buckets are aligned to the epoch (5-minute and hourly
 * boundaries coincide in UTC and KST); the window holds the bucket containing `now` and the
 * `bucketCount − 1` before it. Daily buckets are KST calendar days: today and the `days − 1` before it.
 * @example windowOf("1d", "hourly", new Date("2026-11-27T03:20:00Z")) // from 2026-11-26T04:00Z to 2026-11-27T04:00Z
 */
export const windowOf = (period: Period, interval: Interval, now: Date): Window => {
  if (interval === "daily") {
    const lastDate = kstDateOf(now);
    const firstDate = addKstDays(lastDate, -(PERIOD_DAYS[period] - 1));
    return {
      kind: "daily",
      interval,
      firstDate,
      lastDate,
      from: kstDayRange(firstDate).start,
      to: kstDayRange(lastDate).end,
    };
  }
  const size = INTERVAL_SECONDS[interval] * 1000;
  const lastStart = Math.floor(now.getTime() / size) * size;
  const from = new Date(lastStart - (bucketCount(period, interval) - 1) * size);
  return { kind: "intraday", interval, bucketSeconds: size / 1000, from, to: new Date(lastStart + size) };
};

/**
 * The daily window over the KST days an intraday window touches (for 1d: yesterday and today), so a
 * period's monthly breakdown covers the same span as its bars.
 */
export const dailyWindowCovering = (window: Window, now: Date): Window => {
  if (window.kind === "daily") return window;
  const firstDate = kstDateOf(window.from);
  const lastDate = kstDateOf(now);
  return {
    kind: "daily",
    interval: "daily",
    firstDate,
    lastDate,
    from: kstDayRange(firstDate).start,
    to: kstDayRange(lastDate).end,
  };
};
