import type { Bar } from "./bars.ts";
import { tidy, tidyDifference, tidyOrNull } from "./numbers.ts";
import type { Interval, Period } from "./periods.ts";
import { maxOf, mean, minOf, percentChange, type Trend, trendOf, volatilityPercent } from "./statistics.ts";

export interface HistoryPoint {
  /** KST date for daily points, bucket start (ISO UTC) otherwise. */
  date: string;
  /** Mean of the bucket's samples. */
  rate: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Close minus the previous point's close; null for the first point. */
  change: number | null;
  change_percent: number | null;
  /** Samples in the bucket. */
  volume: number;
}

export interface SeriesSummary {
  average: number | null;
  min: number | null;
  max: number | null;
  volatility: number | null;
  trend: Trend | null;
  data_points: number;
}

export interface HistoryData {
  base: string;
  target: string;
  period: Period;
  interval: Interval;
  data_points: number;
  results: HistoryPoint[];
  statistics: SeriesSummary;
}

export const historyPoints = (bars: readonly Bar[]): HistoryPoint[] =>
  bars.map((bar, i) => {
    const previous = i === 0 ? null : (bars[i - 1] as Bar).close;
    return {
      date: bar.key,
      rate: tidy(bar.average),
      open: tidy(bar.open),
      high: tidy(bar.high),
      low: tidy(bar.low),
      close: tidy(bar.close),
      change: previous === null ? null : tidyDifference(bar.close - previous, bar.close),
      change_percent: tidyOrNull(percentChange(previous, bar.close)),
      volume: bar.samples,
    };
  });

/**
 * average = mean of the points' rates; min/max = lowest low / highest high; volatility = sample
 * standard deviation of close-to-close returns in percent; trend = direction of the least-squares fit
 * through the closes (see statistics.ts).
 */
export const seriesSummary = (bars: readonly Bar[]): SeriesSummary => {
  const closes = bars.map((b) => b.close);
  return {
    average: tidyOrNull(mean(bars.map((b) => b.average))),
    min: tidyOrNull(minOf(bars.map((b) => b.low))),
    max: tidyOrNull(maxOf(bars.map((b) => b.high))),
    volatility: tidyOrNull(volatilityPercent(closes)),
    trend: trendOf(closes),
    data_points: bars.length,
  };
};

export const historyReport = (query: {
  base: string;
  target: string;
  period: Period;
  interval: Interval;
  bars: readonly Bar[];
}): HistoryData => ({
  base: query.base,
  target: query.target,
  period: query.period,
  interval: query.interval,
  data_points: query.bars.length,
  results: historyPoints(query.bars),
  statistics: seriesSummary(query.bars),
});
