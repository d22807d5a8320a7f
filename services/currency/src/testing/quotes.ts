import type { CachedRate } from "@trip/shared";
import type { RateQuote } from "../domain/rate-quote.ts";

/** A quote with realistic defaults; override what the test is about. */
export const quote = (code: string, krwPerUnit: number, overrides: Partial<RateQuote> = {}): RateQuote => ({
  code,
  krwPerUnit,
  tts: null,
  ttb: null,
  unit: code === "JPY" || code === "IDR" ? 100 : 1,
  provider: "fx-sandbox",
  observedAt: new Date("2026-11-27T03:00:00.000Z"),
  collectedAt: new Date("2026-11-27T03:00:05.000Z"),
  batchId: "batch-1",
  origin: "cache",
  ...overrides,
});

/** A cache entry as data-ingestor writes it. */
export const cachedRate = (code: string, rate: number, overrides: Partial<CachedRate> = {}): CachedRate => ({
  currency_code: code,
  rate,
  tts: null,
  ttb: null,
  unit: code === "JPY" || code === "IDR" ? 100 : 1,
  provider: "fx-sandbox",
  observed_at: "2026-11-27T03:00:00.000Z",
  collected_at: "2026-11-27T03:00:05.000Z",
  batch_id: "batch-1",
  ...overrides,
});
