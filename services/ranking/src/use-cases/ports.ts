// The ports the use cases work through, in the shape of the Dapr building blocks they wrap; adapters/
// implements them over the sidecar, testing/ wires them to in-memory stores.
import type { Clock, KstDate, RankingUpdatedEvent, SelectionRecordedEvent } from "@trip/shared";
import type { ArchivedDay } from "../domain/archived-day.ts";
import type { CountryTotals } from "../domain/country-totals.ts";
import type { RankingPeriod } from "../domain/kst-windows.ts";
import type { LogSlot, SelectionRecord } from "../domain/selection-log.ts";
import type { RankingSnapshot } from "../domain/snapshot.ts";
import type { Tally } from "../domain/tally.ts";

export type CreateOutcome<T> = { created: true } | { created: false; existing: T };

/** `rollover`: the last KST day archived; every day up to it is in `daily-selections` and `country-stats`. */
export interface RolloverState {
  last_archived: KstDate;
  updated_at: string;
}

export interface Versioned<T> {
  value: T;
  etag: string | undefined;
}

/** The `country-stats` store: cumulative per-country totals and the rollover state. */
export interface CountryStatsStore {
  getRolloverState(): Promise<Versioned<RolloverState> | undefined>;
  /** false when the state changed since it was read (or was created meanwhile). */
  saveRolloverState(state: RolloverState, etag: string | undefined): Promise<boolean>;
  getTotals(countryCode: string): Promise<Versioned<CountryTotals> | undefined>;
  saveTotals(totals: CountryTotals, etag: string | undefined): Promise<boolean>;
}

export interface Retention {
  /** TTL of `selection:{id}` records: a retry later than this counts as a new selection. 0 = keep. */
  selectionSeconds: number;
  /** TTL of log slots and tallies (must outlast the rollover's catch-up window). 0 = keep. */
  logSeconds: number;
}

/** The `daily-selections` store: idempotency records, the selection log, tallies and archived days. */
export interface SelectionLogStore {
  readSelections(ids: readonly string[]): Promise<Map<string, SelectionRecord>>;
  createSelection(record: SelectionRecord): Promise<CreateOutcome<SelectionRecord>>;
  /** `createSelection` for many records at once (one bulk write when none existed); outcomes in order. */
  createSelections(records: readonly SelectionRecord[]): Promise<CreateOutcome<SelectionRecord>[]>;
  claimSlot(date: KstDate, shard: number, slot: number, value: LogSlot): Promise<CreateOutcome<LogSlot>>;
  /** The slots from `from` on that exist, up to `count`, stopping at the first missing one. */
  readSlots(date: KstDate, shard: number, from: number, count: number): Promise<LogSlot[]>;
  getTally(date: KstDate, shard: number): Promise<{ tally: Tally; etag: string | undefined } | undefined>;
  readTallies(date: KstDate, shards: number): Promise<Tally[]>;
  /** false when the tally changed since it was read (another aggregator). */
  saveTally(tally: Tally, etag: string | undefined): Promise<boolean>;
  createArchivedDay(day: ArchivedDay): Promise<CreateOutcome<ArchivedDay>>;
  readArchivedDays(dates: readonly KstDate[]): Promise<Map<KstDate, ArchivedDay>>;
}

/** `tick:{minute}`: which replica recomputed for a cron-ranking tick. */
export interface TickRecord {
  tick: string;
  replica: string;
  claimed_at: string;
}

/** The `rankings` store: one snapshot per period, and the per-tick recomputation claims. */
export interface SnapshotStore {
  getSnapshot(period: RankingPeriod): Promise<RankingSnapshot | undefined>;
  saveSnapshots(snapshots: readonly RankingSnapshot[]): Promise<void>;
  /** true when this replica is the first to claim `tick`. */
  claimTick(record: TickRecord): Promise<boolean>;
}

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

/** Runs jobs under the Dapr distributed lock so one replica at a time does them. */
export interface JobLock {
  runExclusive<T>(resource: string, expirySeconds: number, job: () => Promise<T>): Promise<Exclusive<T>>;
}

/** The events ranking-service publishes, validated against the shared schemas before they leave. */
export interface RankingEvents {
  /** One bulk publish per call; keep batches to a few hundred. */
  selectionsRecorded(events: readonly SelectionRecordedEvent[]): Promise<void>;
  rankingUpdated(event: RankingUpdatedEvent): Promise<void>;
}

/** The clock the service runs on; admin can move it on test stacks (ALLOW_CLOCK_OVERRIDE). */
export interface OverridableClock extends Clock {
  /**
   * Makes this clock read `at` now. It keeps running from there, or stands still at `at` when `frozen`
   * (to hit an exact instant such as 23:59:59.999 KST). null goes back to `base`.
   */
  setNow(at: Date | null, options?: { frozen?: boolean }): void;
}
