import {
  latestRatesSnapshotSchema,
  RATE_CACHE_KEYS,
  type StateStore,
  storedCachedRate,
  storedLatestSnapshot,
  type TransactionOperation,
} from "@trip/shared";
import type { RateCache } from "../use-cases/ports.ts";

/**
 * The `cache` state store in the shared `rate-cache.ts` format: `rate:{CODE}` per currency plus the
 * `rates:latest` snapshot, written in one state transaction so a reader never sees half a batch, with
 * the rates as exact decimal strings (the state API would keep only 6 decimals of a JSON number).
 * Each key is deleted and re-created inside the transaction: the ingestor is the authority on these keys,
 * and a plain save fails on a key another writer created with first-write concurrency (Redis answers
 * "failed to set key" until that key expires).
 */
export const stateRateCache = (store: StateStore): RateCache => ({
  async readLatest() {
    const entry = await store.get<unknown>(RATE_CACHE_KEYS.latest);
    const parsed = latestRatesSnapshotSchema.safeParse(entry?.value);
    return parsed.success ? parsed.data : undefined;
  },
  async write(rates, latest, ttlSeconds) {
    const entries: { key: string; value: unknown }[] = [
      ...rates.map((rate) => ({
        key: RATE_CACHE_KEYS.rate(rate.currency_code),
        value: storedCachedRate(rate),
      })),
      { key: RATE_CACHE_KEYS.latest, value: storedLatestSnapshot(latest) },
    ];
    await store.transaction(
      entries.flatMap(({ key, value }): TransactionOperation[] => [
        { operation: "delete", key },
        { operation: "upsert", key, value, ttlInSeconds: ttlSeconds },
      ]),
    );
  },
});
