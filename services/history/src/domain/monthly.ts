import type { Bar } from "./bars.ts";
import { tidyOrNull } from "./numbers.ts";
import { maxOf, mean, minOf, percentChange, volatilityPercent } from "./statistics.ts";

export interface MonthSummary {
  /** KST calendar month, `YYYY-MM`. */
  month: string;
  average: number | null;
  min: number | null;
  max: number | null;
  change_percent: number | null;
  volatility: number | null;
}

/**
 * Per KST month of daily bars (keys are KST dates): mean of the daily rates, lowest low, highest high,
 * change from the month's first open to its last close, and the volatility of its daily returns.
 */
export const monthlyBreakdown = (dailyBars: readonly Bar[]): MonthSummary[] => {
  const months = new Map<string, Bar[]>();
  for (const bar of dailyBars) {
    const month = bar.key.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), bar]);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, bars]) => ({
      month,
      average: tidyOrNull(mean(bars.map((b) => b.average))),
      min: tidyOrNull(minOf(bars.map((b) => b.low))),
      max: tidyOrNull(maxOf(bars.map((b) => b.high))),
      change_percent: tidyOrNull(percentChange(bars[0]?.open ?? null, bars.at(-1)?.close ?? null)),
      volatility: tidyOrNull(volatilityPercent(bars.map((b) => b.close))),
    }));
};
