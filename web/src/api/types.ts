/**
 * Response shapes of the public API, mirroring /work/shared/CONTRACT.md §3-5 (the `data` of the
 * `{success, data}` envelope). The client validates every response against them, so a malformed
 * answer shows an error instead of wrong numbers. Figures the contract allows to be missing (too
 * little data) are nullable.
 */
import { z } from "zod";

const figure = z.number().nullable();
const isoInstant = z.string();

export const PERIODS = ["1d", "1w", "1m", "3m", "6m", "1y"] as const;
export type Period = (typeof PERIODS)[number];

export const currencyDetailSchema = z.object({
  currency_code: z.string(),
  currency_name: z.string(),
  currency_name_en: z.string(),
  country_code: z.string(),
  symbol: z.string(),
  unit: z.number(),
  current_rate: z.number(),
  tts: figure.optional(),
  ttb: figure.optional(),
  change: figure,
  change_percent: figure,
  last_updated: isoInstant,
  source: z.string(),
});
export type CurrencyDetail = z.infer<typeof currencyDetailSchema>;

export const rankingEntrySchema = z.object({
  rank: z.number().int(),
  country_code: z.string(),
  country_name: z.string(),
  country_name_en: z.string(),
  currency_code: z.string().nullable(),
  score: z.number(),
  percentage: z.number(),
  change: z.enum(["UP", "DOWN", "SAME", "NEW"]),
  change_value: figure,
  previous_rank: figure,
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

export const rankingSchema = z.object({
  period: z.string(),
  date_range: z.object({ from: z.string(), to: z.string() }),
  total_selections: z.number(),
  last_updated: isoInstant.nullable(),
  ranking: z.array(rankingEntrySchema),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const selectionRecordedSchema = z.object({
  selection_id: z.string(),
  country_code: z.string(),
  date: z.string(),
});

export const priceIndexSchema = z.object({
  country_code: z.string(),
  base_country: z.string(),
  indices: z.object({ bigmac_index: figure, composite_index: figure }),
  price_data: z.object({
    bigmac_price_local: z.number(),
    bigmac_price_krw: z.number(),
    base_bigmac_price_krw: z.number(),
  }),
  data_date: z.string(),
  last_updated: isoInstant.nullable(),
});
export type PriceIndex = z.infer<typeof priceIndexSchema>;

export const historyPointSchema = z.object({
  date: z.string(),
  rate: figure,
  open: figure,
  high: figure,
  low: figure,
  close: figure,
  change: figure,
  change_percent: figure,
  volume: z.number().nullable(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export const historySchema = z.object({
  base: z.string(),
  target: z.string(),
  period: z.string(),
  interval: z.string(),
  data_points: z.number(),
  results: z.array(historyPointSchema),
  statistics: z.object({
    average: figure,
    min: figure,
    max: figure,
    volatility: figure,
    trend: z.enum(["upward", "downward", "stable"]).nullable(),
  }),
});
export type History = z.infer<typeof historySchema>;

export const historyStatsSchema = z.object({
  currency_pair: z.string(),
  period: z.string(),
  analysis_date: z.string(),
  current_rate: figure,
  statistics: z.object({
    period_average: figure,
    period_min: figure,
    period_max: figure,
    total_change: figure,
    total_change_percent: figure,
    volatility_index: figure,
    trend_direction: z.enum(["upward", "downward", "stable"]).nullable(),
    support_level: figure,
    resistance_level: figure,
  }),
  technical_indicators: z.object({
    sma_20: figure,
    sma_50: figure,
    rsi_14: figure,
    bollinger_upper: figure,
    bollinger_lower: figure,
  }),
});
export type HistoryStats = z.infer<typeof historyStatsSchema>;

export const comparisonSchema = z.object({
  base: z.string(),
  period: z.string(),
  comparison_date: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      current_rate: figure,
      period_change_percent: figure,
      volatility: figure,
      performance_rank: z.number().int().nullable(),
    }),
  ),
  correlation_matrix: z.record(z.string(), figure),
});
export type Comparison = z.infer<typeof comparisonSchema>;
