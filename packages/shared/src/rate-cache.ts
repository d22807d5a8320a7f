import { z } from "zod";

/**
 * What data-ingestor writes to the `cache` state store and currency-service reads (keys are bare:
 * the component sets `keyPrefix: none`). Rates are KRW per 1 unit of the currency; `unit` is the
 * quoting unit Koreans see (100 for JPY and IDR).
 */
export const RATE_CACHE_KEYS = {
  latest: "rates:latest",
  rate: (code: string) => `rate:${code}`,
} as const;

export const cachedRateSchema = z.object({
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  rate: z.number().positive(),
  tts: z.number().positive().nullable(),
  ttb: z.number().positive().nullable(),
  unit: z.number().int().positive(),
  provider: z.string(),
  observed_at: z.iso.datetime(),
  collected_at: z.iso.datetime(),
  batch_id: z.string(),
});
export type CachedRate = z.infer<typeof cachedRateSchema>;

export const latestRatesSnapshotSchema = z.object({
  batch_id: z.string(),
  provider: z.string(),
  observed_at: z.iso.datetime(),
  collected_at: z.iso.datetime(),
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), cachedRateSchema),
});
export type LatestRatesSnapshot = z.infer<typeof latestRatesSnapshotSchema>;
