import { createLogger, type LatestRatesSnapshot, manualClock, type RatesUpdatedEvent } from "@trip/shared";
import type { ProviderName } from "../config.ts";
import type { IngestRun } from "../domain/ingest-run.ts";
import type { ProviderQuote, ProviderSnapshot } from "../domain/provider-snapshot.ts";
import type { RateRow } from "../domain/rates-publication.ts";
import type {
  DailySeriesSource,
  IngestionDeps,
  IngestMetrics,
  LatestRatesSource,
  RateCache,
  RatesRepository,
  RunLock,
  RunsRepository,
  RunTotals,
} from "../use-cases/ports.ts";

/** `exchange_rates` in memory, with the table's unique key (currency, provider, observed_at). */
export class FakeRatesRepository implements RatesRepository {
  readonly rows = new Map<string, RateRow>();
  insertCalls = 0;
  failInsert: Error | undefined;
  async lastRates() {
    const newest = new Map<string, RateRow>();
    for (const row of this.rows.values()) {
      const seen = newest.get(row.code);
      if (!seen || seen.observedAt < row.observedAt) newest.set(row.code, row);
    }
    return new Map([...newest].map(([code, row]) => [code, row.rate]));
  }
  async insert(rows: readonly RateRow[]) {
    this.insertCalls++;
    if (this.failInsert) throw this.failInsert;
    let inserted = 0;
    for (const row of rows) {
      const key = `${row.code}|${row.provider}|${row.observedAt.getTime()}`;
      if (this.rows.has(key)) continue;
      this.rows.set(key, row);
      inserted++;
    }
    return { inserted };
  }
  async batchRows(batchId: string) {
    return [...this.rows.values()].filter((row) => row.batchId === batchId);
  }
}

/** `ingest_runs` in memory, with the UNIQUE tick key. */
export class FakeRunsRepository implements RunsRepository {
  readonly runs = new Map<string, IngestRun>();
  async claim(run: IngestRun) {
    if (run.tickKey && [...this.runs.values()].some((r) => r.tickKey === run.tickKey)) return false;
    this.runs.set(run.runId, run);
    return true;
  }
  async finish(run: IngestRun) {
    this.runs.set(run.runId, run);
  }
  async unpublished(since: Date) {
    return [...this.runs.values()]
      .filter((r) => r.status === "partial" && !r.published && r.inserted > 0 && r.batchId !== null)
      .filter((r) => r.startedAt >= since)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }
  async markPublished(runId: string, note: string) {
    const run = this.runs.get(runId);
    if (run && !run.published)
      this.runs.set(runId, { ...run, published: true, note: [run.note, note].filter(Boolean).join("; ") });
  }
  private sorted() {
    return [...this.runs.values()].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }
  async latest(trigger?: IngestRun["trigger"]) {
    return this.sorted().find((r) => !trigger || r.trigger === trigger);
  }
  async latestSuccess() {
    return this.sorted().find((r) => r.status === "succeeded" || r.status === "partial");
  }
  async totals(): Promise<RunTotals> {
    const all = [...this.runs.values()];
    const count = (status: IngestRun["status"]) => all.filter((r) => r.status === status).length;
    const sum = (pick: (r: IngestRun) => number) => all.reduce((n, r) => n + pick(r), 0);
    return {
      runs: all.length,
      byStatus: {
        succeeded: count("succeeded"),
        partial: count("partial"),
        unchanged: count("unchanged"),
        failed: count("failed"),
        skipped: count("skipped"),
      },
      rowsInserted: sum((r) => r.inserted),
      rowsSkipped: sum((r) => r.skipped),
      rowsRejected: sum((r) => r.rejected),
    };
  }
}

export class FakeRateCache implements RateCache {
  readonly entries = new Map<string, { value: unknown; ttlSeconds: number }>();
  writes = 0;
  failWrite: Error | undefined;
  async readLatest() {
    return this.entries.get("rates:latest")?.value as LatestRatesSnapshot | undefined;
  }
  async write(rates: readonly { currency_code: string }[], latest: LatestRatesSnapshot, ttlSeconds: number) {
    if (this.failWrite) throw this.failWrite;
    this.writes++;
    for (const rate of rates) this.entries.set(`rate:${rate.currency_code}`, { value: rate, ttlSeconds });
    this.entries.set("rates:latest", { value: latest, ttlSeconds });
  }
}

export class FakeEvents {
  readonly published: RatesUpdatedEvent[] = [];
  failPublish: Error | undefined;
  async publish(event: RatesUpdatedEvent) {
    if (this.failPublish) throw this.failPublish;
    this.published.push(event);
  }
}

export class FakeLock implements RunLock {
  readonly held = new Map<string, string>();
  unavailable: Error | undefined;
  async acquire(resource: string, owner: string) {
    if (this.unavailable) throw this.unavailable;
    if (this.held.has(resource)) return undefined;
    this.held.set(resource, owner);
    return async () => {
      this.held.delete(resource);
    };
  }
}

export class FakeMetrics implements IngestMetrics {
  readonly runs: string[] = [];
  inserted = 0;
  readonly rejected = new Map<string, number>();
  runFinished(status: string, trigger: string) {
    this.runs.push(`${trigger}:${status}`);
  }
  rowsInserted(count: number) {
    this.inserted += count;
  }
  ratesRejected(reason: string, count: number) {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + count);
  }
}

/** A provider answering whatever the test scripts next: a snapshot or an error. */
export class FakeSource implements LatestRatesSource, DailySeriesSource {
  next: () => Promise<ProviderSnapshot> = async () => {
    throw new Error("no snapshot scripted");
  };
  series: ProviderSnapshot[] = [];
  calls = 0;
  constructor(readonly provider: ProviderName = "exchangerate-api") {}
  latest() {
    this.calls++;
    return this.next();
  }
  async dailySeries() {
    return this.series;
  }
}

/** Quotes in KRW per 1 unit, e.g. `{ USD: 1400, JPY: 9.3 }`. */
export const quotesOf = (rates: Record<string, number>): ProviderQuote[] =>
  Object.entries(rates).map(([providerCode, krwPerQuotedUnit]) => ({
    providerCode,
    krwPerQuotedUnit,
    tts: null,
    ttb: null,
  }));

export const snapshotOf = (observedAt: string, rates: Record<string, number>): ProviderSnapshot => ({
  provider: "exchangerate-api",
  observedAt: new Date(observedAt),
  quotes: quotesOf(rates),
});

/** Every port faked; returns the fakes so a test can script and inspect them. */
export const fakeIngestion = (start = "2026-11-27T03:01:00Z") => {
  const fakes = {
    source: new FakeSource(),
    series: new FakeSource("frankfurter"),
    rates: new FakeRatesRepository(),
    runs: new FakeRunsRepository(),
    cache: new FakeRateCache(),
    events: new FakeEvents(),
    lock: new FakeLock(),
    metrics: new FakeMetrics(),
    clock: manualClock(start),
    logLines: [] as string[],
  };
  let ids = 0;
  const deps: IngestionDeps = {
    ...fakes,
    log: createLogger({ service: "data-ingestor", sink: (line) => fakes.logLines.push(line) }),
    settings: { bandPercent: 10, intervalSeconds: 120, cacheTtlSeconds: 86_400, lockWaitMs: 500 },
    newId: () => `run-${++ids}`,
    sleep: async () => {},
  };
  return { deps, ...fakes };
};
