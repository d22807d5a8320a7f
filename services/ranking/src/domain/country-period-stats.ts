import type { KstDate } from "@trip/shared";

export interface DayFigure {
  date: KstDate;
  count: number;
  /** The country's rank that day; null on a day without selections of it. */
  rank: number | null;
}

export interface PeriodStatistics {
  total_selections: number;
  daily_average: number;
  peak_day: KstDate | null;
  peak_selections: number;
  /** Percent change of total_selections against the previous period of the same length; null when that was 0. */
  growth_rate: number | null;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Statistics of one country over a window of days. The peak is the busiest day (the latest one when
 * several tie); there is no peak day without selections.
 */
export const periodStatistics = (days: readonly DayFigure[], previousTotal: number): PeriodStatistics => {
  const total = days.reduce((sum, d) => sum + d.count, 0);
  let peak: DayFigure | undefined;
  for (const day of days) if (day.count > 0 && (!peak || day.count >= peak.count)) peak = day;
  return {
    total_selections: total,
    daily_average: days.length === 0 ? 0 : round2(total / days.length),
    peak_day: peak?.date ?? null,
    peak_selections: peak?.count ?? 0,
    growth_rate: previousTotal === 0 ? null : round2(((total - previousTotal) / previousTotal) * 100),
  };
};
