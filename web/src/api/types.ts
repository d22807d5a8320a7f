/**
 * Response shapes of the public API (the `data` of the `{success, data}` envelope, CONTRACT.md §3-5).
 * The schemas are the services' own, defined once in `@trip/shared` with plain zod; the services name
 * them for /openapi.json, the UI validates every response against them, so a malformed answer shows an
 * error instead of wrong numbers. Figures the contract allows to be missing (too little data) are
 * nullable there.
 */
import {
  type comparisonSchema,
  type currencyDetailSchema,
  HISTORY_PERIODS,
  type historyPointSchema,
  type historySchema,
  type historyStatsSchema,
  type priceIndexSchema,
  type rankingEntrySchema,
  type rankingSchema,
} from "@trip/shared";
import type { z } from "zod";

export {
  comparisonSchema,
  currencyDetailSchema,
  historyPointSchema,
  historySchema,
  historyStatsSchema,
  priceIndexSchema,
  rankingEntrySchema,
  rankingSchema,
  selectionRecordedSchema,
} from "@trip/shared";

export const PERIODS = HISTORY_PERIODS;
export type Period = (typeof PERIODS)[number];

export type CurrencyDetail = z.infer<typeof currencyDetailSchema>;
export type RankingEntry = z.infer<typeof rankingEntrySchema>;
export type Ranking = z.infer<typeof rankingSchema>;
export type PriceIndex = z.infer<typeof priceIndexSchema>;
export type HistoryPoint = z.infer<typeof historyPointSchema>;
export type History = z.infer<typeof historySchema>;
export type HistoryStats = z.infer<typeof historyStatsSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
