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

// Dapr's state API re-encodes JSON numbers with 6 decimals (its JSON library's lossy float mode):
// 0.05244290 would be stored as 0.052443. Writers therefore store rates as decimal strings with the
// 8 decimals of `exchange_rates` (see `storedCachedRate`); readers accept both forms and get numbers.
const decimalText = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .transform(Number);
const positiveRate = z.union([z.number(), decimalText]).pipe(z.number().positive());

export const cachedRateSchema = z.object({
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  rate: positiveRate,
  tts: positiveRate.nullable(),
  ttb: positiveRate.nullable(),
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

/** A cached rate as it is stored: the rates as exact decimal strings (8 decimals, like MariaDB's). */
export type StoredCachedRate = Omit<CachedRate, "rate" | "tts" | "ttb"> & {
  rate: string;
  tts: string | null;
  ttb: string | null;
};

const exact = (n: number): string => n.toFixed(8);

/** The stored form of a cached rate. @example storedCachedRate(usd).rate // "1469.85000000" */
export const storedCachedRate = (rate: CachedRate): StoredCachedRate => ({
  ...rate,
  rate: exact(rate.rate),
  tts: rate.tts === null ? null : exact(rate.tts),
  ttb: rate.ttb === null ? null : exact(rate.ttb),
});

/** The stored form of a `rates:latest` snapshot. */
export const storedLatestSnapshot = (latest: LatestRatesSnapshot) => ({
  ...latest,
  rates: Object.fromEntries(
    Object.entries(latest.rates).map(([code, rate]) => [code, storedCachedRate(rate)]),
  ),
});
