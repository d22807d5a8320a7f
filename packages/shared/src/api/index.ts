/**
 * The contract's response `data` schemas (CONTRACT.md §3-5), one definition for the services (which add
 * OpenAPI names on top) and the web UI (which validates every response with them). Plain zod only.
 */
export { isoInstant, kstDateString, nullableNumber, TRENDS } from "./common.ts";
export {
  conversionSchema,
  currencyCatalogSchema,
  currencyDetailSchema,
  latestRatesSchema,
  priceIndexSchema,
} from "./currency.ts";
export {
  comparisonSchema,
  HISTORY_INTERVALS,
  HISTORY_PERIODS,
  historyPointSchema,
  historySchema,
  historyStatsSchema,
} from "./history.ts";
export {
  countryStatsSchema,
  RANKING_PERIODS,
  RANKING_STATS_PERIODS,
  rankingEntrySchema,
  rankingSchema,
  selectionRecordedSchema,
} from "./ranking.ts";
