import { z } from "zod";
import { nullableNumber, TRENDS } from "./common.ts";

/** The `data` of the history service's responses (CONTRACT.md §5). */

export const HISTORY_PERIODS = ["1d", "1w", "1m", "3m", "6m", "1y"] as const;
export const HISTORY_INTERVALS = ["5min", "hourly", "daily"] as const;

const trend = z.enum(TRENDS).nullable();

export const historyPointSchema = z.object({
  date: z.string().meta({ description: "KST date (daily) or bucket start, ISO UTC" }),
  rate: z.number(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  change: nullableNumber,
  change_percent: nullableNumber,
  volume: z.number().int().meta({ description: "Samples in the bucket" }),
});

/** `GET /api/v1/history` */
export const historySchema = z.object({
  base: z.string(),
  target: z.string(),
  period: z.enum(HISTORY_PERIODS),
  interval: z.enum(HISTORY_INTERVALS),
  data_points: z.number().int(),
  results: z.array(historyPointSchema),
  statistics: z.object({
    average: nullableNumber,
    min: nullableNumber,
    max: nullableNumber,
    volatility: nullableNumber,
    trend,
    data_points: z.number().int(),
  }),
});

/** `GET /api/v1/history/stats` */
export const historyStatsSchema = z.object({
  currency_pair: z.string().meta({ example: "KRW/USD" }),
  period: z.enum(HISTORY_PERIODS),
  analysis_date: z.string(),
  current_rate: nullableNumber,
  statistics: z.object({
    period_average: nullableNumber,
    period_min: nullableNumber,
    period_max: nullableNumber,
    total_change: nullableNumber,
    total_change_percent: nullableNumber,
    volatility_index: nullableNumber,
    trend_direction: trend,
    support_level: nullableNumber,
    resistance_level: nullableNumber,
  }),
  technical_indicators: z.object({
    sma_20: nullableNumber,
    sma_50: nullableNumber,
    rsi_14: nullableNumber,
    bollinger_upper: nullableNumber,
    bollinger_lower: nullableNumber,
  }),
  monthly_breakdown: z.array(
    z.object({
      month: z.string(),
      average: nullableNumber,
      min: nullableNumber,
      max: nullableNumber,
      change_percent: nullableNumber,
      volatility: nullableNumber,
    }),
  ),
});

/** `GET /api/v1/history/compare` */
export const comparisonSchema = z.object({
  base: z.string(),
  period: z.enum(HISTORY_PERIODS),
  comparison_date: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      current_rate: nullableNumber,
      period_change_percent: nullableNumber,
      volatility: nullableNumber,
      performance_rank: z.number().int().nullable(),
    }),
  ),
  correlation_matrix: z.record(z.string(), nullableNumber).meta({ example: { USD_JPY: 0.75 } }),
  portfolio_analysis: z.object({
    best_performer: z.string().nullable(),
    worst_performer: z.string().nullable(),
    most_volatile: z.string().nullable(),
    least_volatile: z.string().nullable(),
  }),
});
