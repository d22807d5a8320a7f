import { z } from "zod";
import { kstDateString } from "./common.ts";

/** The `data` of the ranking service's responses (CONTRACT.md §4). */

export const RANKING_PERIODS = ["daily", "weekly", "monthly"] as const;
export const RANKING_STATS_PERIODS = ["7d", "30d", "90d"] as const;

/** `POST /api/v1/rankings/selections` (201) */
export const selectionRecordedSchema = z.object({
  selection_id: z.string(),
  country_code: z.string(),
  date: kstDateString,
  message: z.string(),
});

export const rankingEntrySchema = z.object({
  rank: z.number().int(),
  country_code: z.string(),
  country_name: z.string(),
  country_name_en: z.string(),
  currency_code: z.string().nullable(),
  score: z.number().int(),
  /** The same count as `score`, under the name the old frontend reads first (`selection_count ?? score`). */
  selection_count: z.number().int(),
  percentage: z.number(),
  change: z.enum(["UP", "DOWN", "SAME", "NEW"]),
  change_value: z.number().int(),
  previous_rank: z.number().int().nullable(),
});

/** `GET /api/v1/rankings` */
export const rankingSchema = z.object({
  period: z.enum(RANKING_PERIODS),
  date_range: z.object({ from: kstDateString, to: kstDateString }),
  total_selections: z.number().int(),
  last_updated: z.string().nullable(),
  ranking: z.array(rankingEntrySchema),
  pagination: z.object({
    current_page: z.number().int(),
    total_pages: z.number().int(),
    has_next: z.boolean(),
    has_previous: z.boolean(),
  }),
});

/** `GET /api/v1/rankings/stats/{country_code}` */
export const countryStatsSchema = z.object({
  country_code: z.string(),
  country_name: z.string(),
  period: z.enum(RANKING_STATS_PERIODS),
  statistics: z.object({
    total_selections: z.number().int(),
    daily_average: z.number(),
    peak_day: kstDateString.nullable(),
    peak_selections: z.number().int(),
    growth_rate: z.number().nullable(),
  }),
  daily_breakdown: z.array(
    z.object({ date: kstDateString, count: z.number().int(), rank: z.number().int().nullable() }),
  ),
});
