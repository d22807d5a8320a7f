import {
  type CachedRate,
  EtagMismatchError,
  RATE_CACHE_KEYS,
  SidecarUnavailableError,
  type StateEntry,
  type StateItem,
  type StateStore,
} from "@trip/shared";
import type { RateDatabase } from "../adapters/rate-database.ts";
import type { RateQuote } from "../domain/rate-quote.ts";

/** An in-memory `cache` state store with Dapr's first-write semantics, which can be switched "down". */
export class InMemoryStateStore implements StateStore {
  readonly name = "cache";
  readonly entries = new Map<string, { value: unknown; etag: number; ttl?: number }>();
  down = false;
  reads = 0;
  writes: string[] = [];

  private guard(operation: string): void {
    if (this.down) throw new SidecarUnavailableError(operation, new Error("connection refused"));
  }
  async get<T>(key: string): Promise<StateEntry<T> | undefined> {
    this.guard("state get cache");
    this.reads++;
    const entry = this.entries.get(key);
    return entry && { value: entry.value as T, etag: String(entry.etag) };
  }
  async bulkGet<T>(keys: string[]): Promise<Map<string, StateEntry<T>>> {
    this.guard("state bulk get cache");
    this.reads++;
    const found = new Map<string, StateEntry<T>>();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) found.set(key, { value: entry.value as T, etag: String(entry.etag) });
    }
    return found;
  }
  async save<T>(items: StateItem<T>[]): Promise<void> {
    this.guard("state save cache");
    for (const item of items) {
      const existing = this.entries.get(item.key);
      if (item.etag !== undefined && String(existing?.etag) !== item.etag)
        throw new EtagMismatchError("state save cache", "etag mismatch");
      this.entries.set(item.key, {
        value: item.value,
        etag: (existing?.etag ?? 0) + 1,
        ...(item.ttlInSeconds ? { ttl: item.ttlInSeconds } : {}),
      });
      this.writes.push(item.key);
    }
  }
  async delete(key: string): Promise<void> {
    this.guard("state delete cache");
    this.entries.delete(key);
  }
  async transaction(): Promise<void> {
    throw new Error("not used by currency-service");
  }

  /** What data-ingestor writes: `rate:{CODE}` per rate and the `rates:latest` snapshot. */
  putRates(rates: readonly CachedRate[]): void {
    for (const rate of rates)
      this.entries.set(RATE_CACHE_KEYS.rate(rate.currency_code), { value: rate, etag: 1 });
    const first = rates[0];
    if (first === undefined) return;
    const snapshot = {
      batch_id: first.batch_id,
      provider: first.provider,
      observed_at: first.observed_at,
      collected_at: first.collected_at,
      rates: Object.fromEntries(rates.map((r) => [r.currency_code, r])),
    };
    this.entries.set(RATE_CACHE_KEYS.latest, { value: snapshot, etag: 1 });
  }
}

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
