import { rateTable } from "./cross-rates.ts";
import type { RateBook } from "./rate-book.ts";
import { oldestObservation, type RateOrigin, sourceOf } from "./rate-quote.ts";

/** `data` of `GET /api/v1/currencies/latest`. */
export interface LatestRates {
  base: string;
  /** Unix seconds of `last_updated`; null only for a table of KRW/base identities. */
  timestamp: number | null;
  rates: Record<string, number>;
  source: RateOrigin;
  cache_hit: boolean;
  /** Observation time of the oldest rate in the table (ISO-8601 UTC): never fresher than the data. */
  last_updated: string | null;
}

/**
 * Rates of `symbols` (default: every currency with a rate) as the price of 1 unit in `base`.
 * @example latestRates(book, "KRW", ["USD"]).rates // { USD: 1392.4 }
 */
export function latestRates(
  book: RateBook,
  base: string,
  symbols: readonly string[] | undefined,
): LatestRates {
  const table = rateTable(book, base, symbols);
  const lastUpdated = oldestObservation(table.quotes);
  const source = sourceOf(table.quotes);
  return {
    base,
    timestamp: lastUpdated === null ? null : Math.floor(lastUpdated.getTime() / 1000),
    rates: table.rates,
    source,
    cache_hit: source === "cache",
    last_updated: lastUpdated?.toISOString() ?? null,
  };
}
