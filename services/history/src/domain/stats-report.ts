import type { Bar } from "./bars.ts";
import { seriesSummary } from "./history-report.ts";
import { bollinger, rsi, sma } from "./indicators.ts";
import { type MonthSummary, monthlyBreakdown } from "./monthly.ts";
import { tidyDifference, tidyOrNull } from "./numbers.ts";
import type { Period } from "./periods.ts";
import { percentChange, pivotLevels, type Trend } from "./statistics.ts";

export interface StatsData {
  currency_pair: string;
  period: Period;
  analysis_date: string;
  current_rate: number | null;
  statistics: {
    period_average: number | null;
    period_min: number | null;
    period_max: number | null;
    total_change: number | null;
    total_change_percent: number | null;
    volatility_index: number | null;
    trend_direction: Trend | null;
    support_level: number | null;
    resistance_level: number | null;
  };
  technical_indicators: {
    sma_20: number | null;
    sma_50: number | null;
    rsi_14: number | null;
    bollinger_upper: number | null;
    bollinger_lower: number | null;
  };
  monthly_breakdown: MonthSummary[];
}

/**
 * Statistics of one pair over a period. `bars` are the period's bars at its default interval (the
 * series a chart of the period shows); indicators are their values at the last bar. `dailyBars` are the
 * period's KST-day bars, for the monthly breakdown.
 */
export const statsReport = (query: {
  base: string;
  target: string;
  period: Period;
  bars: readonly Bar[];
  dailyBars: readonly Bar[];
  now: Date;
}): StatsData => {
  const { bars } = query;
  const closes = bars.map((b) => b.close);
  const summary = seriesSummary(bars);
  const first = bars[0]?.open ?? null;
  const last = bars.at(-1)?.close ?? null;
  const levels = pivotLevels(summary.max, summary.min, last);
  const bands = bollinger(closes, 20, 2);
  return {
    currency_pair: `${query.base}/${query.target}`,
    period: query.period,
    analysis_date: query.now.toISOString(),
    current_rate: tidyOrNull(last),
    statistics: {
      period_average: summary.average,
      period_min: summary.min,
      period_max: summary.max,
      total_change: first === null || last === null ? null : tidyDifference(last - first, last),
      total_change_percent: tidyOrNull(percentChange(first, last)),
      volatility_index: summary.volatility,
      trend_direction: summary.trend,
      support_level: tidyOrNull(levels.support),
      resistance_level: tidyOrNull(levels.resistance),
    },
    technical_indicators: {
      sma_20: tidyOrNull(sma(closes, 20)),
      sma_50: tidyOrNull(sma(closes, 50)),
      rsi_14: tidyOrNull(rsi(closes, 14)),
      bollinger_upper: tidyOrNull(bands.upper),
      bollinger_lower: tidyOrNull(bands.lower),
    },
    monthly_breakdown: monthlyBreakdown(query.dailyBars),
  };
};
