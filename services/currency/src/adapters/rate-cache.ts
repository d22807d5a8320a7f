import {
  type CachedRate,
  cachedRateSchema,
  FOREIGN_CURRENCY_CODES,
  isEtagMismatch,
  type LatestRatesSnapshot,
  type Logger,
  latestRatesSnapshotSchema,
  RATE_CACHE_KEYS,
  type StateStore,
} from "@trip/shared";
import type { RateQuote } from "../domain/rate-quote.ts";

/** What one read of the cache found: the quotes, and which keys hold a valid entry. */
export interface CacheContents {
  readonly quotes: readonly RateQuote[];
  readonly keys: ReadonlySet<string>;
}

/** The narrow port of the read path onto the `cache` state store (written by data-ingestor). */
export interface RateCache {
  /** Every rate the cache holds: `rates:latest` and every `rate:{CODE}`, in one bulk read. Throws when down. */
  readAll(): Promise<CacheContents>;
  /**
   * Writes quotes back after a database fallback: `rate:{CODE}` for each of `rates`, and `rates:latest`
   * made of `snapshot` when given. Only where the key is still absent (first-write without an ETag), so
   * a newer value the ingestor wrote meanwhile is never overwritten. Returns the keys written; throws
   * when the cache is down.
   */
  refill(rates: readonly RateQuote[], snapshot?: readonly RateQuote[]): Promise<string[]>;
}

export const quoteFromCache = (cached: CachedRate): RateQuote => ({
  code: cached.currency_code,
  krwPerUnit: cached.rate,
  tts: cached.tts,
  ttb: cached.ttb,
  unit: cached.unit,
  provider: cached.provider,
  observedAt: new Date(cached.observed_at),
  collectedAt: new Date(cached.collected_at),
  batchId: cached.batch_id,
  origin: "cache",
});

export const cachedRateOf = (quote: RateQuote): CachedRate => ({
  currency_code: quote.code,
  rate: quote.krwPerUnit,
  tts: quote.tts,
  ttb: quote.ttb,
  unit: quote.unit,
  provider: quote.provider,
  observed_at: quote.observedAt.toISOString(),
  collected_at: quote.collectedAt.toISOString(),
  batch_id: quote.batchId,
});

const supported = new Set<string>(FOREIGN_CURRENCY_CODES);

/** A snapshot for `rates:latest` made of refilled quotes; batch fields are those of the newest quote. */
const snapshotOf = (quotes: readonly RateQuote[]): LatestRatesSnapshot | undefined => {
  const newest = [...quotes].sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime())[0];
  if (newest === undefined) return undefined;
  return {
    batch_id: newest.batchId,
    provider: newest.provider,
    observed_at: newest.observedAt.toISOString(),
    collected_at: newest.collectedAt.toISOString(),
    rates: Object.fromEntries(quotes.map((q) => [q.code, cachedRateOf(q)])),
  };
};

/**
 * @example const cache = rateCache(sidecar.state("cache"), log, 900); const quotes = await cache.readAll();
 */
export const rateCache = (store: StateStore, log: Logger, refillTtlSeconds: number): RateCache => {
  const createIfAbsent = async (key: string, value: unknown): Promise<boolean> => {
    try {
      await store.save([{ key, value, concurrency: "first-write", ttlInSeconds: refillTtlSeconds }]);
      return true;
    } catch (err) {
      if (isEtagMismatch(err)) return false; // written by someone else meanwhile: theirs is newer
      throw err;
    }
  };
  return {
    async readAll() {
      const keys = [RATE_CACHE_KEYS.latest, ...FOREIGN_CURRENCY_CODES.map((c) => RATE_CACHE_KEYS.rate(c))];
      const entries = await store.bulkGet<unknown>(keys);
      const quotes: RateQuote[] = [];
      const present = new Set<string>();
      for (const [key, entry] of entries) {
        const parsed =
          key === RATE_CACHE_KEYS.latest
            ? latestRatesSnapshotSchema.safeParse(entry.value)
            : cachedRateSchema.safeParse(entry.value);
        if (!parsed.success) {
          log.warn("malformed cache entry ignored", { key });
          continue;
        }
        present.add(key);
        const rates = "rates" in parsed.data ? Object.values(parsed.data.rates) : [parsed.data];
        for (const rate of rates) if (supported.has(rate.currency_code)) quotes.push(quoteFromCache(rate));
      }
      return { quotes, keys: present };
    },
    async refill(rates, snapshot) {
      const written: string[] = [];
      for (const quote of rates) {
        const key = RATE_CACHE_KEYS.rate(quote.code);
        if (await createIfAbsent(key, cachedRateOf(quote))) written.push(key);
      }
      const latest = snapshot === undefined ? undefined : snapshotOf(snapshot);
      if (latest !== undefined && (await createIfAbsent(RATE_CACHE_KEYS.latest, latest)))
        written.push(RATE_CACHE_KEYS.latest);
      return written;
    },
  };
};
