import {
  type CachedRate,
  type LatestRatesSnapshot,
  type RatesUpdatedEvent,
  ratesUpdatedEventSchema,
} from "@trip/shared";
import type { ProviderName } from "../config.ts";
import type { CleanRate } from "./clean-quotes.ts";

/** The rates one run stored, with where and when they come from. */
export interface StoredBatch {
  batchId: string;
  provider: ProviderName;
  observedAt: Date;
  collectedAt: Date;
  rates: readonly CleanRate[];
}

/**
 * The `exchange-rates.updated` payload, validated against the shared schema before it is published.
 * Throws when it does not match (nothing malformed reaches the broker).
 */
export const ratesUpdatedEvent = (batch: StoredBatch): RatesUpdatedEvent =>
  ratesUpdatedEventSchema.parse({
    batch_id: batch.batchId,
    provider: batch.provider,
    observed_at: batch.observedAt.toISOString(),
    collected_at: batch.collectedAt.toISOString(),
    rates: batch.rates.map((r) => ({
      currency_code: r.code,
      rate: r.rate,
      tts: r.tts,
      ttb: r.ttb,
      unit: r.unit,
    })),
  });

/** The `rate:{CODE}` values of a batch. */
export const cachedRates = (batch: StoredBatch): CachedRate[] =>
  batch.rates.map((r) => ({
    currency_code: r.code,
    rate: r.rate,
    tts: r.tts,
    ttb: r.ttb,
    unit: r.unit,
    provider: batch.provider,
    observed_at: batch.observedAt.toISOString(),
    collected_at: batch.collectedAt.toISOString(),
    batch_id: batch.batchId,
  }));

/** What one run writes to the cache: the `rate:{CODE}` values and the new `rates:latest`. */
export interface CacheUpdate {
  rates: CachedRate[];
  latest: LatestRatesSnapshot;
}

/**
 * The cache writes of a batch. A rate the cache already holds from a later observation (another
 * provider, or a delayed run) is left alone, so the cache never moves back in time. `rates:latest` is
 * this batch over the previous snapshot: a currency this run did not bring (rejected jump, a provider
 * without it) keeps its last value with its own `observed_at` — unless that value was observed before
 * `keepSince` (older than the cache TTL), which would present it as current. Undefined: nothing to write.
 */
export const cacheUpdate = (
  batch: StoredBatch,
  previous: LatestRatesSnapshot | undefined,
  keepSince: Date,
): CacheUpdate | undefined => {
  const held = previous?.rates ?? {};
  const fresh = cachedRates(batch).filter((rate) => {
    const cached = held[rate.currency_code];
    return !cached || Date.parse(cached.observed_at) <= batch.observedAt.getTime();
  });
  if (fresh.length === 0) return undefined;
  const kept = Object.entries(held).filter(([, rate]) => Date.parse(rate.observed_at) >= keepSince.getTime());
  const latest: LatestRatesSnapshot = {
    batch_id: batch.batchId,
    provider: batch.provider,
    observed_at: batch.observedAt.toISOString(),
    collected_at: batch.collectedAt.toISOString(),
    rates: { ...Object.fromEntries(kept), ...Object.fromEntries(fresh.map((r) => [r.currency_code, r])) },
  };
  return { rates: fresh, latest };
};

/** One `exchange_rates` row. */
export interface RateRow {
  code: CleanRate["code"];
  rate: number;
  tts: number | null;
  ttb: number | null;
  unit: number;
  provider: ProviderName;
  observedAt: Date;
  collectedAt: Date;
  batchId: string;
}

/** The `exchange_rates` rows of a batch. */
export const rateRows = (batch: StoredBatch): RateRow[] =>
  batch.rates.map((r) => ({
    code: r.code,
    rate: r.rate,
    tts: r.tts,
    ttb: r.ttb,
    unit: r.unit,
    provider: batch.provider,
    observedAt: batch.observedAt,
    collectedAt: batch.collectedAt,
    batchId: batch.batchId,
  }));

/**
 * The batch that stored `rows` (all of one batch id), to publish its event again; undefined when there
 * are no rows. The inverse of `rateRows`.
 */
export const batchOfRows = (rows: readonly RateRow[]): StoredBatch | undefined => {
  const [first] = rows;
  if (first === undefined) return undefined;
  return {
    batchId: first.batchId,
    provider: first.provider,
    observedAt: first.observedAt,
    collectedAt: first.collectedAt,
    rates: rows.map(({ code, rate, tts, ttb, unit }) => ({
      code,
      rate,
      tts,
      ttb,
      unit: unit === 100 ? 100 : 1,
    })),
  };
};
