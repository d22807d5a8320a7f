import type { RatesUpdatedEvent } from "@trip/shared";
import type { RateBook } from "../domain/rate-book.ts";
import type { RateQuote } from "../domain/rate-quote.ts";
import type { NeededRates, RateView } from "./rate-reader.ts";

/** What the routes need of the read path (a `RateReader` in production, over fake stores in tests). */
export interface RatesPort {
  read(needed: NeededRates): Promise<RateView>;
  /** Every rate, when they can be served from memory at once; undefined when `read` must decide. */
  peek(): RateView | undefined;
  applyEvent(event: RatesUpdatedEvent): "applied" | "duplicate" | "stale";
  readonly current: RateBook;
}

/** What the detail route needs to compute the change against the previous KST day. */
export interface PreviousClosePort {
  closeBefore(code: string, observedAt: Date): Promise<number | null>;
}

/** What one read of the cache found: the quotes, and the observation time held under each valid key. */
export interface CacheContents {
  readonly quotes: readonly RateQuote[];
  readonly keys: ReadonlyMap<string, Date>;
}

/** The narrow port of the read path onto the `cache` state store (written by data-ingestor). */
export interface RateCache {
  /** Every rate the cache holds: `rates:latest` and every `rate:{CODE}`, in one bulk read. Throws when down. */
  readAll(): Promise<CacheContents>;
  /**
   * Writes quotes back after a database fallback: `rate:{CODE}` for each of `rates`, and `rates:latest`
   * made of `snapshot` when given, in one save. Callers pass only keys their last read found absent.
   * Returns the keys written; throws when the cache is down.
   */
  refill(rates: readonly RateQuote[], snapshot?: readonly RateQuote[]): Promise<string[]>;
}

/** The narrow port of the read path onto MariaDB `exchange_rates` (written by data-ingestor). */
export interface RateDatabase {
  /** The latest stored observation of every currency. Throws when the database is unreachable. */
  latestQuotes(): Promise<RateQuote[]>;
  /** The rate of the last observation of `code` strictly before `before`, or null when there is none. */
  lastRateBefore(code: string, before: Date): Promise<number | null>;
}
