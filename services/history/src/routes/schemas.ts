import { z } from "@hono/zod-openapi";
import { CURRENCY_CODES, currencyCodeSchema } from "@trip/shared";
import { INTERVALS, PERIODS } from "../domain/periods.ts";

/** Request and response schemas of the history API: they validate, document (/openapi.json) and type. */

/** A required code: absent → MISSING_PARAMETER, present but unsupported → INVALID_CURRENCY_CODE. */
const requiredCode = () =>
  z
    .string()
    .pipe(currencyCodeSchema)
    .openapi({ type: "string", enum: [...CURRENCY_CODES], example: "USD" });
const period = z.enum(PERIODS).default("1m").openapi({ description: "1d 1w 1m 3m 6m 1y", example: "1m" });
const base = currencyCodeSchema.default("KRW").openapi({ description: "Currency the rates are priced in" });

export const historyQuerySchema = z.object({
  target: requiredCode(),
  period,
  base,
  interval: z.enum(INTERVALS).optional().openapi({
    description: "5min | hourly | daily; default: the finest that keeps the response at ≤ 400 points",
  }),
});

export const statsQuerySchema = z.object({ target: requiredCode(), period, base });

export const compareQuerySchema = z.object({
  targets: z
    .string()
    .min(1)
    .openapi({ description: "2 to 10 comma-separated currency codes", example: "USD,JPY" }),
  period,
  base,
});

const num = z.number();
const nullableNum = z.number().nullable();
const trend = z.enum(["upward", "downward", "stable"]).nullable();

export const historyDataSchema = z
  .object({
    base: z.string(),
    target: z.string(),
    period: z.enum(PERIODS),
    interval: z.enum(INTERVALS),
    data_points: z.number().int(),
    results: z.array(
      z.object({
        date: z.string().openapi({ description: "KST date (daily) or bucket start, ISO UTC" }),
        rate: num,
        open: num,
        high: num,
        low: num,
        close: num,
        change: nullableNum,
        change_percent: nullableNum,
        volume: z.number().int().openapi({ description: "Samples in the bucket" }),
      }),
    ),
    statistics: z.object({
      average: nullableNum,
      min: nullableNum,
      max: nullableNum,
      volatility: nullableNum,
      trend,
      data_points: z.number().int(),
    }),
  })
  .openapi("HistoryData");

export const statsDataSchema = z
  .object({
    currency_pair: z.string().openapi({ example: "KRW/USD" }),
    period: z.enum(PERIODS),
    analysis_date: z.string(),
    current_rate: nullableNum,
    statistics: z.object({
      period_average: nullableNum,
      period_min: nullableNum,
      period_max: nullableNum,
      total_change: nullableNum,
      total_change_percent: nullableNum,
      volatility_index: nullableNum,
      trend_direction: trend,
      support_level: nullableNum,
      resistance_level: nullableNum,
    }),
    technical_indicators: z.object({
      sma_20: nullableNum,
      sma_50: nullableNum,
      rsi_14: nullableNum,
      bollinger_upper: nullableNum,
      bollinger_lower: nullableNum,
    }),
    monthly_breakdown: z.array(
      z.object({
        month: z.string(),
        average: nullableNum,
        min: nullableNum,
        max: nullableNum,
        change_percent: nullableNum,
        volatility: nullableNum,
      }),
    ),
  })
  .openapi("HistoryStatsData");

export const compareDataSchema = z
  .object({
    base: z.string(),
    period: z.enum(PERIODS),
    comparison_date: z.string(),
    currencies: z.array(
      z.object({
        currency: z.string(),
        current_rate: nullableNum,
        period_change_percent: nullableNum,
        volatility: nullableNum,
        performance_rank: z.number().int().nullable(),
      }),
    ),
    correlation_matrix: z.record(z.string(), nullableNum).openapi({ example: { USD_JPY: 0.75 } }),
    portfolio_analysis: z.object({
      best_performer: z.string().nullable(),
      worst_performer: z.string().nullable(),
      most_volatile: z.string().nullable(),
      least_volatile: z.string().nullable(),
    }),
  })
  .openapi("HistoryCompareData");

export const analysisRunSchema = z
  .object({
    run_key: z.string(),
    status: z.enum(["succeeded", "skipped"]),
    reason: z.string().optional(),
    from_id: z.number().int().optional(),
    to_id: z.number().int().optional(),
    days_updated: z.number().int().optional(),
  })
  .openapi("AnalysisRun");

/** The contract's envelopes, defined once in the shared package. */
export { errorEnvelopeSchema, successEnvelopeSchema as envelopeOf } from "@trip/shared";
