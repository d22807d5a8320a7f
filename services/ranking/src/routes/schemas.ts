import { z } from "@hono/zod-openapi";
import {
  countryStatsSchema as countryStatsData,
  namedSchema,
  rankingSchema as rankingData,
  selectionRecordedSchema,
} from "@trip/shared";
import { RANKING_PERIODS, STATS_PERIODS } from "../domain/kst-windows.ts";
import { SELECTION_ID_PATTERN } from "../domain/selection-log.ts";

/** What a request's 503 DATABASE_UNAVAILABLE says: the ranking stores are this service's database. */
export const RANKING_STORE_DOWN = "The ranking store is not available";

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

/** Response `data` schemas: defined once in the shared package (shared with the web UI), named here. */
export const selectionBodySchema = namedSchema(selectionRecordedSchema, "SelectionRecorded");

export const rankingQuerySchema = z.object({
  period: z.enum(RANKING_PERIODS).default("daily"),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).default(0),
});

export const rankingSchema = namedSchema(rankingData, "Ranking");

export const statsParamsSchema = z.object({
  country_code: countryCode.openapi({ param: { name: "country_code", in: "path" } }),
});

export const statsQuerySchema = z.object({ period: z.enum(STATS_PERIODS).default("7d") });

export const countryStatsSchema = namedSchema(countryStatsData, "CountryStats");

/** `POST /api/v1/rankings/update`, the old frontend's visit of its comparison page (deprecated). */
export const visitRequestSchema = z
  .object({
    countries: z
      .array(z.string().min(1).max(8).openapi({ example: "JP" }))
      .min(1)
      .max(10)
      .openapi({ description: "The countries compared on the visit; each distinct one is one selection" }),
    period: z
      .enum(RANKING_PERIODS)
      .optional()
      .openapi({ description: "Accepted and ignored: a selection counts toward every period" }),
  })
  .openapi("VisitRequest");

export const visitRecordedSchema = z
  .object({
    selections: z.array(selectionBodySchema),
    message: z.string(),
  })
  .openapi("VisitRecorded");
