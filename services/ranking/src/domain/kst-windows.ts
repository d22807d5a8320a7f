import {
  addKstDays,
  type KstDate,
  kstDatesEndingAt,
  RANKING_PERIODS,
  RANKING_STATS_PERIODS as STATS_PERIODS,
} from "@trip/shared";

/** The periods are the contract's, defined with the response schemas in the shared package. */
export { RANKING_PERIODS, STATS_PERIODS };
export type RankingPeriod = (typeof RANKING_PERIODS)[number];

/** daily = today (KST); weekly / monthly = the last 7 / 30 KST days including today. */
export const PERIOD_DAYS: Record<RankingPeriod, number> = { daily: 1, weekly: 7, monthly: 30 };

export type StatsPeriod = (typeof STATS_PERIODS)[number];
export const STATS_PERIOD_DAYS: Record<StatsPeriod, number> = { "7d": 7, "30d": 30, "90d": 90 };

export interface KstWindow {
  from: KstDate;
  to: KstDate;
  /** Every KST date of the window, oldest first. */
  dates: KstDate[];
}

/** The `days` KST dates ending with `last` (inclusive). */
export const windowEndingAt = (last: KstDate, days: number): KstWindow => {
  const dates = kstDatesEndingAt(last, days);
  return { from: dates[0] ?? last, to: last, dates };
};

/** The window a ranking period covers on `today`. */
export const periodWindow = (period: RankingPeriod, today: KstDate): KstWindow =>
  windowEndingAt(today, PERIOD_DAYS[period]);

/** The window just before: yesterday for daily, the 7 days before the week, the 30 before the month. */
export const previousPeriodWindow = (period: RankingPeriod, today: KstDate): KstWindow =>
  windowEndingAt(addKstDays(today, -PERIOD_DAYS[period]), PERIOD_DAYS[period]);

/** How many past days (before today) a recomputation needs: both windows of the longest period. */
export const HISTORY_DAYS_NEEDED = 2 * PERIOD_DAYS.monthly - 1;
