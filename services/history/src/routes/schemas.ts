import { z } from "@hono/zod-openapi";
import {
  CURRENCY_CODES,
  comparisonSchema,
  currencyCodeSchema,
  historySchema,
  historyStatsSchema,
  namedSchema,
} from "@trip/shared";
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

/** Response `data` schemas: defined once in the shared package (shared with the web UI), named here. */
export const historyDataSchema = namedSchema(historySchema, "HistoryData");
export const statsDataSchema = namedSchema(historyStatsSchema, "HistoryStatsData");
export const compareDataSchema = namedSchema(comparisonSchema, "HistoryCompareData");

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
