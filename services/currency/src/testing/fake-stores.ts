import { type CachedRate, RATE_CACHE_KEYS, SidecarUnavailableError } from "@trip/shared";
import type { InMemoryStateStore } from "@trip/shared/testing";
import type { RateQuote } from "../domain/rate-quote.ts";
import type { RateDatabase } from "../use-cases/ports.ts";

/** Stores what data-ingestor writes: `rate:{CODE}` per rate and the `rates:latest` snapshot. */
export const putRates = (store: InMemoryStateStore, rates: readonly CachedRate[]): void => {
  for (const rate of rates) store.seed(RATE_CACHE_KEYS.rate(rate.currency_code), rate);
  const first = rates[0];
  if (first === undefined) return;
  store.seed(RATE_CACHE_KEYS.latest, {
    batch_id: first.batch_id,
    provider: first.provider,
    observed_at: first.observed_at,
    collected_at: first.collected_at,
    rates: Object.fromEntries(rates.map((r) => [r.currency_code, r])),
  });
};

/** A MariaDB stand-in holding quotes; "down" makes every call fail like an unreachable binding. */
export class FakeRateDatabase implements RateDatabase {
  quotes: RateQuote[] = [];
  /** Closes per currency: [instant, rate] observations answering `lastRateBefore`. */
  history = new Map<string, [Date, number][]>();
  down = false;
  latestCalls = 0;
  closeCalls = 0;
  /** When set, `latestQuotes` answers only after it resolves (a slow database). */
  slow: Promise<void> | undefined;

  async latestQuotes(): Promise<RateQuote[]> {
    if (this.down) throw new SidecarUnavailableError("binding trip-db", new Error("connection refused"));
    this.latestCalls++;
    await this.slow;
    return this.quotes.map((q) => ({ ...q, origin: "database" as const }));
  }
  async lastRateBefore(code: string, before: Date): Promise<number | null> {
    if (this.down) throw new SidecarUnavailableError("binding trip-db", new Error("connection refused"));
    this.closeCalls++;
    const earlier = (this.history.get(code) ?? [])
      .filter(([at]) => at < before)
      .sort((a, b) => +b[0] - +a[0]);
    return earlier[0]?.[1] ?? null;
  }
}
