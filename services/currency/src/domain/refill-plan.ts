import { RATE_CACHE_KEYS } from "@trip/shared";
import type { RateBook } from "./rate-book.ts";
import type { RateQuote } from "./rate-quote.ts";

/** What to write back to the cache after a database read, and what the cache then holds. */
export interface RefillPlan {
  /** Database quotes the cache lacks or holds an older observation of (`rate:{CODE}`). */
  readonly rates: readonly RateQuote[];
  /** The whole book for `rates:latest`, when that key is missing or any rate is rewritten. */
  readonly snapshot: readonly RateQuote[] | undefined;
  /** The keys the plan writes → the observation time each will hold. */
  readonly writes: ReadonlyMap<string, Date>;
}

const behind = (keys: ReadonlyMap<string, Date>, key: string, at: Date): boolean => {
  const held = keys.get(key);
  return held === undefined || held < at;
};

/**
 * The refill that heals the cache after a miss or an outage: only quotes confirmed by the database,
 * only where the cache is missing them or behind. Empty when there is nothing to write.
 * @example refillPlan(book, new Map()).rates.length // every database quote of the book
 */
export function refillPlan(book: RateBook, cacheKeys: ReadonlyMap<string, Date>): RefillPlan {
  const quotes = [...book.quotes.values()];
  const rates = quotes.filter(
    (q) => q.origin === "database" && behind(cacheKeys, RATE_CACHE_KEYS.rate(q.code), q.observedAt),
  );
  const snapshotNeeded = quotes.length > 0 && (rates.length > 0 || !cacheKeys.has(RATE_CACHE_KEYS.latest));
  const writes = new Map(rates.map((q) => [RATE_CACHE_KEYS.rate(q.code), q.observedAt]));
  if (snapshotNeeded) {
    const newest = quotes.reduce((at, q) => (q.observedAt > at ? q.observedAt : at), new Date(0));
    writes.set(RATE_CACHE_KEYS.latest, newest);
  }
  return { rates, snapshot: snapshotNeeded ? quotes : undefined, writes };
}
