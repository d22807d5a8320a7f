import type {
  CachedRate,
  Clock,
  KstDate,
  LatestRatesSnapshot,
  Logger,
  RatesUpdatedEvent,
} from "@trip/shared";
import type { ProviderName } from "../config.ts";
import type { IngestRun, RunStatus, RunTrigger } from "../domain/ingest-run.ts";
import type { ProviderSnapshot } from "../domain/provider-snapshot.ts";
import type { RateRow } from "../domain/rates-publication.ts";

/** The configured provider's latest rates (throws ProviderError when it gives none usable). */
export interface LatestRatesSource {
  readonly provider: ProviderName;
  latest(): Promise<ProviderSnapshot>;
}

/** Daily closes from a time-series endpoint, one snapshot per business day, oldest first. */
export interface DailySeriesSource {
  readonly provider: ProviderName;
  dailySeries(from: KstDate, to: KstDate): Promise<ProviderSnapshot[]>;
}

export interface RatesRepository {
  /** The most recently observed stored rate per currency (KRW per 1 unit). */
  lastRates(): Promise<Map<string, number>>;
  /** INSERT IGNORE on (currency, provider, observed_at): returns how many rows were new. */
  insert(rows: readonly RateRow[]): Promise<{ inserted: number }>;
  /** The rows stored under one batch id. */
  batchRows(batchId: string): Promise<RateRow[]>;
}

export interface RunTotals {
  runs: number;
  byStatus: Record<Exclude<RunStatus, "running">, number>;
  rowsInserted: number;
  rowsSkipped: number;
  rowsRejected: number;
}

export interface RunsRepository {
  /** Records a started run; false when its tick key is already taken (another replica won the tick). */
  claim(run: IngestRun): Promise<boolean>;
  finish(run: IngestRun): Promise<void>;
  /** Finished runs since `since` that stored rows but could not publish their event, oldest first. */
  unpublished(since: Date): Promise<IngestRun[]>;
  /** Records that a run's event was published after all (by a later run), with a note saying when. */
  markPublished(runId: string, note: string): Promise<void>;
  latest(trigger?: RunTrigger): Promise<IngestRun | undefined>;
  latestSuccess(): Promise<IngestRun | undefined>;
  totals(): Promise<RunTotals>;
}

/** The `cache` state store, in the shared `rate-cache.ts` format. */
export interface RateCache {
  readLatest(): Promise<LatestRatesSnapshot | undefined>;
  write(rates: readonly CachedRate[], latest: LatestRatesSnapshot, ttlSeconds: number): Promise<void>;
}

export interface RatesEventPublisher {
  publish(event: RatesUpdatedEvent): Promise<void>;
}

/** A distributed lock; `acquire` resolves to a release function, or undefined when another owner holds it. */
export interface RunLock {
  acquire(resource: string, owner: string, ttlSeconds: number): Promise<(() => Promise<void>) | undefined>;
}

export interface IngestMetrics {
  runFinished(status: RunStatus | "deduplicated", trigger: RunTrigger): void;
  rowsInserted(count: number, trigger: RunTrigger): void;
  ratesRejected(reason: string, count: number): void;
}

export interface IngestSettings {
  bandPercent: number;
  intervalSeconds: number;
  cacheTtlSeconds: number;
  /** How long a run waits for the lock another run holds before it gives up (`skipped`). */
  lockWaitMs: number;
}

/** Everything a job needs, as narrow ports (in-memory fakes in tests, sidecar adapters in main.ts). */
export interface IngestionDeps {
  source: LatestRatesSource;
  series: DailySeriesSource;
  rates: RatesRepository;
  runs: RunsRepository;
  cache: RateCache;
  events: RatesEventPublisher;
  lock: RunLock;
  metrics: IngestMetrics;
  clock: Clock;
  log: Logger;
  settings: IngestSettings;
  newId: () => string;
  /** Waits between lock attempts; tests pass an instant one. */
  sleep: (ms: number) => Promise<void>;
}
