import {
  type CachedRate,
  cachedRateSchema,
  FOREIGN_CURRENCY_CODES,
  type LatestRatesSnapshot,
  type Logger,
  latestRatesSnapshotSchema,
  RATE_CACHE_KEYS,
  type StateStore,
  storedCachedRate,
  storedLatestSnapshot,
} from "@trip/shared";
import type { RateQuote } from "../domain/rate-quote.ts";
import type { RateCache } from "../use-cases/ports.ts";

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
export const rateCache = (store: StateStore, log: Logger, refillTtlSeconds: number): RateCache => ({
  async readAll() {
    const keys = [RATE_CACHE_KEYS.latest, ...FOREIGN_CURRENCY_CODES.map((c) => RATE_CACHE_KEYS.rate(c))];
    const entries = await store.bulkGet<unknown>(keys);
    const quotes: RateQuote[] = [];
    const present = new Map<string, Date>();
    for (const [key, entry] of entries) {
      const parsed =
        key === RATE_CACHE_KEYS.latest
          ? latestRatesSnapshotSchema.safeParse(entry.value)
          : cachedRateSchema.safeParse(entry.value);
      if (!parsed.success) {
        log.warn("malformed cache entry ignored", { key });
        continue;
      }
      present.set(key, new Date(parsed.data.observed_at));
      const rates = "rates" in parsed.data ? Object.values(parsed.data.rates) : [parsed.data];
      for (const rate of rates) if (supported.has(rate.currency_code)) quotes.push(quoteFromCache(rate));
    }
    return { quotes, keys: present };
  },
  async refill(rates, snapshot) {
    const latest = snapshot === undefined ? undefined : snapshotOf(snapshot);
    const items = [
      ...rates.map((quote) => ({
        key: RATE_CACHE_KEYS.rate(quote.code),
        value: storedCachedRate(cachedRateOf(quote)) as unknown,
      })),
      ...(latest === undefined
        ? []
        : [{ key: RATE_CACHE_KEYS.latest, value: storedLatestSnapshot(latest) as unknown }]),
    ];
    // Plain last-write saves. A conditional create (first-write without an ETag) would be the exact
    // tool, but Redis answers an existing key with a 500 that trips the sidecar's cache circuit breaker.
    // The cost of a plain save is a race of a few milliseconds with an ingestion writing a newer value
    // in between, which the next ingestion (two minutes) overwrites; the in-process book never goes back.
    await store.save(items.map((item) => ({ ...item, ttlInSeconds: refillTtlSeconds })));
    return items.map((item) => item.key);
  },
});
