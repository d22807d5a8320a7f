import { z } from "@hono/zod-openapi";
import { errorEnvelopeSchema, successEnvelopeSchema } from "@trip/shared";
import { RANKING_PERIODS, STATS_PERIODS } from "../domain/kst-windows.ts";
import { SELECTION_ID_PATTERN } from "../domain/selection-log.ts";

const kstDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ example: "2026-11-27" });

/** The contract's envelopes (§2), defined once in the shared package. */
export const envelope = successEnvelopeSchema;
export const errorEnvelope = errorEnvelopeSchema;

export const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: errorEnvelope } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema: envelope(schema) } },
});

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 destination code")
  .openapi({ example: "JP" });

export const selectionRequestSchema = z
  .object({
    country_code: countryCode,
    user_id: z.string().min(1).max(128).nullish(),
    session_id: z.string().min(1).max(128).nullish(),
    referrer: z.string().max(512).nullish(),
    selection_id: z
      .string()
      .regex(SELECTION_ID_PATTERN, "1-128 characters of A-Z a-z 0-9 . _ : -")
      .nullish()
      .openapi({ description: "Idempotency key: retries with the same id are counted once" }),
  })
  .openapi("SelectionRequest");

export const selectionBodySchema = z
  .object({ selection_id: z.string(), country_code: z.string(), date: kstDate, message: z.string() })
  .openapi("SelectionRecorded");

export const rankingQuerySchema = z.object({
  period: z.enum(RANKING_PERIODS).default("daily"),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).default(0),
});

const rankingRow = z.object({
  rank: z.number().int(),
  country_code: z.string(),
  country_name: z.string(),
  country_name_en: z.string(),
  currency_code: z.string().nullable(),
  score: z.number().int(),
  percentage: z.number(),
  change: z.enum(["UP", "DOWN", "SAME", "NEW"]),
  change_value: z.number().int(),
  previous_rank: z.number().int().nullable(),
});

export const rankingSchema = z
  .object({
    period: z.enum(RANKING_PERIODS),
    date_range: z.object({ from: kstDate, to: kstDate }),
    total_selections: z.number().int(),
    last_updated: z.string().nullable(),
    ranking: z.array(rankingRow),
    pagination: z.object({
      current_page: z.number().int(),
      total_pages: z.number().int(),
      has_next: z.boolean(),
      has_previous: z.boolean(),
    }),
  })
  .openapi("Ranking");

export const statsParamsSchema = z.object({
  country_code: countryCode.openapi({ param: { name: "country_code", in: "path" } }),
});

export const statsQuerySchema = z.object({ period: z.enum(STATS_PERIODS).default("7d") });

export const countryStatsSchema = z
  .object({
    country_code: z.string(),
    country_name: z.string(),
    period: z.enum(STATS_PERIODS),
    statistics: z.object({
      total_selections: z.number().int(),
      daily_average: z.number(),
      peak_day: kstDate.nullable(),
      peak_selections: z.number().int(),
      growth_rate: z.number().nullable(),
    }),
    daily_breakdown: z.array(
      z.object({ date: kstDate, count: z.number().int(), rank: z.number().int().nullable() }),
    ),
  })
  .openapi("CountryStats");
