// The ports the use cases read and write through; adapters/ implements them over the sidecar's
// bindings.mysql, testing/ in memory.
import type { KstDate, SelectionRecordedEvent } from "@trip/shared";
import type { Bar } from "../domain/bars.ts";
import type { DayRange } from "../domain/day-ranges.ts";

export type RunTrigger = "hourly" | "midnight" | "start" | "manual";

/** The `analysis_runs` ledger and the `daily_stats` upserts of the hourly job. */
export interface AnalysisStore {
  /** Records a run under its idempotency key; false when a run with that key already exists. */
  claimRun(key: string, trigger: RunTrigger, startedAt: Date): Promise<boolean>;
  finishRun(
    key: string,
    outcome: {
      status: "succeeded" | "failed";
      finishedAt: Date;
      fromId: number;
      toId: number;
      daysUpdated: number;
      error?: string;
    },
  ): Promise<void>;
  /** Highest `exchange_rates.id` a succeeded run has folded into `daily_stats` (0 before the first). */
  processedUpTo(): Promise<number>;
  latestRateId(): Promise<number>;
  /** Currencies and KST days of the rows with `afterId < id <= upToId`. */
  changedDays(afterId: number, upToId: number): Promise<Array<{ currency: string; kstDate: string }>>;
  /** Re-aggregates one currency's KST days in the range from raw rows; returns the rows affected. */
  aggregateDays(currency: string, range: DayRange, now: Date): Promise<number>;
}

/** Reads one currency's bars (KRW per 1 unit). Every read is a range on an index of `currency` + time. */
export interface RateHistoryStore {
  /** Raw rows in `[from, to)` bucketed by `bucketSeconds` since the epoch; key = bucket start (ISO). */
  intradayBars(currency: string, bucketSeconds: number, from: Date, to: Date): Promise<Bar[]>;
  /** Raw rows in `[from, to)` grouped by KST day; key = KST date. */
  rawDailyBars(currency: string, from: Date, to: Date): Promise<Bar[]>;
  /** `daily_stats` rows for KST dates `firstDate..lastDate` inclusive. */
  dailyStatsBars(currency: string, firstDate: KstDate, lastDate: KstDate): Promise<Bar[]>;
}

/** `user_selections`, written from `ranking.selection-recorded`. */
export interface SelectionStore {
  /** Idempotent on `selection_id`: a redelivered event changes nothing and reports "duplicate". */
  record(event: SelectionRecordedEvent): Promise<"inserted" | "duplicate">;
}
