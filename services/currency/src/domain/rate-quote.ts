/**
 * Where the service last confirmed a quote: the cache store (or its in-process copy, including quotes
 * announced by `exchange-rates.updated`, which the ingestor has written to the cache before publishing)
 * or the MariaDB fallback.
 */
export type RateOrigin = "cache" | "database";

/** The latest known rate of one foreign currency. */
export interface RateQuote {
  readonly code: string;
  /** KRW per 1 unit (never per 100), whatever the quoting unit. */
  readonly krwPerUnit: number;
  readonly tts: number | null;
  readonly ttb: number | null;
  /** Quoting unit Koreans see (100 for JPY and IDR); informative only. */
  readonly unit: number;
  readonly provider: string;
  readonly observedAt: Date;
  readonly collectedAt: Date;
  readonly batchId: string;
  readonly origin: RateOrigin;
}

/** Order of observations: by provider observation time, then by collection time. */
export const compareObservations = (a: RateQuote, b: RateQuote): number =>
  a.observedAt.getTime() - b.observedAt.getTime() || a.collectedAt.getTime() - b.collectedAt.getTime();

/** The oldest observation among `quotes`: what a response mixing them may honestly call "last updated". */
export const oldestObservation = (quotes: readonly RateQuote[]): Date | null =>
  quotes.reduce<Date | null>(
    (oldest, q) => (oldest === null || q.observedAt < oldest ? q.observedAt : oldest),
    null,
  );

/**
 * What a response built from `quotes` reports: `cache` (with `cache_hit: true`) only when every quote was
 * last confirmed by the cache store or is its in-process copy; one quote from the database makes it `database`.
 */
export const sourceOf = (quotes: readonly RateQuote[]): RateOrigin =>
  quotes.every((q) => q.origin === "cache") ? "cache" : "database";
