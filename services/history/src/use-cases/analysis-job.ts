import { type Clock, type DistributedLock, kstDateOf, type Logger } from "@trip/shared";
import { dayRanges } from "../domain/day-ranges.ts";
import type { AnalysisStore, RunTrigger } from "./ports.ts";

export const ANALYSIS_LOCK = "history-service:analysis";
/**
 * Ids are allocated before commit, so a slow concurrent insert can commit an id below the watermark a
 * run already recorded. Each run therefore re-reads this many ids below the watermark (a few ingestion
 * batches; re-aggregating a day is idempotent).
 */
export const RESCAN_IDS = 1000;
/** Primary-key span of one `changedDays` query, so a first run over a year of rows stays in small reads. */
export const ID_CHUNK = 200_000;

export interface AnalysisJobDeps {
  store: AnalysisStore;
  lock: DistributedLock;
  log: Logger;
  clock: Clock;
  /** This process; the lock owner. */
  owner: string;
  lockTtlSeconds: number;
  /** Called after daily_stats changed (the query cache drops what it holds). */
  onAggregated: () => void;
}

export interface AnalysisResult {
  run_key: string;
  status: "succeeded" | "skipped";
  reason?: string;
  from_id?: number;
  to_id?: number;
  days_updated?: number;
}

/**
 * The idempotency key of a run: one per UTC hour for the hourly cron (every replica's sidecar fires it,
 * the first claim wins), one per KST day for the midnight cron, unique for start-up and manual runs.
 */
export const runKeyOf = (trigger: RunTrigger, now: Date, owner: string): string => {
  const iso = now.toISOString();
  if (trigger === "hourly") return `hourly:${iso.slice(0, 13)}`;
  if (trigger === "midnight") return `midnight:${kstDateOf(now)}`;
  return `${trigger}:${iso}:${owner.slice(-12)}`;
};

const foldChanges = async (deps: AnalysisJobDeps, fromId: number, toId: number): Promise<number> => {
  const byCurrency = new Map<string, string[]>();
  for (let after = fromId; after < toId; after += ID_CHUNK) {
    for (const { currency, kstDate } of await deps.store.changedDays(
      after,
      Math.min(after + ID_CHUNK, toId),
    )) {
      byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), kstDate]);
    }
  }
  let days = 0;
  const now = deps.clock.now();
  for (const [currency, dates] of byCurrency) {
    for (const range of dayRanges(dates)) await deps.store.aggregateDays(currency, range, now);
    days += new Set(dates).size;
  }
  return days;
};

/**
 * Folds the rows stored since the last succeeded run into `daily_stats`, once per tick across replicas:
 * a distributed lock keeps two runs from overlapping, the run key keeps a tick from running twice.
 */
export const runAnalysis = async (deps: AnalysisJobDeps, trigger: RunTrigger): Promise<AnalysisResult> => {
  const { store, lock, log, clock } = deps;
  const run_key = runKeyOf(trigger, clock.now(), deps.owner);
  if (!(await lock.tryLock(ANALYSIS_LOCK, deps.owner, deps.lockTtlSeconds))) {
    return { run_key, status: "skipped", reason: "another analysis run is in progress" };
  }
  try {
    if (!(await store.claimRun(run_key, trigger, clock.now()))) {
      return { run_key, status: "skipped", reason: "this tick has already been analysed" };
    }
    let fromId = 0;
    let toId = 0;
    try {
      fromId = Math.max(0, (await store.processedUpTo()) - RESCAN_IDS);
      toId = await store.latestRateId();
      const days = await foldChanges(deps, fromId, toId);
      await store.finishRun(run_key, {
        status: "succeeded",
        finishedAt: clock.now(),
        fromId,
        toId,
        daysUpdated: days,
      });
      if (days > 0) deps.onAggregated();
      log.info("analysis run finished", { run_key, trigger, from_id: fromId, to_id: toId, days });
      return { run_key, status: "succeeded", from_id: fromId, to_id: toId, days_updated: days };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await store.finishRun(run_key, {
        status: "failed",
        finishedAt: clock.now(),
        fromId,
        toId,
        daysUpdated: 0,
        error,
      });
      throw err;
    }
  } finally {
    const released = await lock.unlock(ANALYSIS_LOCK, deps.owner).catch((err: unknown) => {
      log.warn("analysis lock not released; it expires on its own", { err });
      return "error";
    });
    if (released === "held-by-other") log.warn("analysis lock expired during the run", { run_key });
  }
};
