import { latestRatesSnapshotSchema, RATE_CACHE_KEYS, type StateStore } from "@trip/shared";
import type { RateCache } from "../jobs/ports.ts";

/**
 * The `cache` state store in the shared `rate-cache.ts` format: `rate:{CODE}` per currency plus the
 * `rates:latest` snapshot, written in one state transaction so a reader never sees half a batch.
 */
export const stateRateCache = (store: StateStore): RateCache => ({
  async readLatest() {
    const entry = await store.get<unknown>(RATE_CACHE_KEYS.latest);
    const parsed = latestRatesSnapshotSchema.safeParse(entry?.value);
    return parsed.success ? parsed.data : undefined;
  },
  async write(rates, latest, ttlSeconds) {
    await store.transaction([
      ...rates.map((rate) => ({
        operation: "upsert" as const,
        key: RATE_CACHE_KEYS.rate(rate.currency_code),
        value: rate,
        ttlInSeconds: ttlSeconds,
      })),
      { operation: "upsert", key: RATE_CACHE_KEYS.latest, value: latest, ttlInSeconds: ttlSeconds },
    ]);
  },
});
