import {
  addKstDays,
  type Clock,
  type KstDate,
  kstDateOf,
  kstDatesBetween,
  kstDatesEndingAt,
  type Logger,
} from "@trip/shared";
import { countsOfDay } from "../domain/archived-day.ts";
import { HISTORY_DAYS_NEEDED, RANKING_PERIODS } from "../domain/kst-windows.ts";
import type { Counts } from "../domain/ranking.ts";
import { recomputeTickOf } from "../domain/recompute-tick.ts";
import { buildSnapshot, type RankingSnapshot } from "../domain/snapshot.ts";
import { countsOfTallies } from "../domain/tally.ts";
import { type AggregatorDeps, aggregateDay } from "./aggregate-log.ts";
import { inParallel } from "./in-parallel.ts";
import type { CountryStatsStore, JobLock, RankingEvents, SelectionLogStore, SnapshotStore } from "./ports.ts";
import type { RolloverOutcome } from "./rollover.ts";

export interface RecomputeDeps {
  aggregator: AggregatorDeps;
  store: SelectionLogStore;
  snapshots: SnapshotStore;
  countryStats: CountryStatsStore;
  events: RankingEvents;
  locks: JobLock;
  clock: Clock;
  log: Logger;
  replica: string;
  rollover: () => Promise<RolloverOutcome>;
  /** How long a tick's owner waits for a running recomputation to finish. */
  lockWait?: { attempts: number; delayMs: number; sleep: (ms: number) => Promise<void> };
}

export type RecomputeOutcome = "recomputed" | "already-done" | "busy";

const RECOMPUTE_LOCK = "ranking-recompute";
const RECOMPUTE_LOCK_SECONDS = 55;
const TOP_IN_EVENT = 10;
const DEFAULT_LOCK_WAIT = {
  attempts: 100,
  delayMs: 500,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/**
 * An open day's counts after aggregating its log. When aggregation cannot finish (e.g. pub/sub down, so
 * counted selections cannot be published), the snapshot still refreshes from what the tallies hold; the
 * uncounted entries stay in the log for the next run.
 */
const openDayCounts = async (deps: RecomputeDeps, date: KstDate): Promise<Counts> => {
  try {
    return countsOfTallies(await aggregateDay(deps.aggregator, date));
  } catch (err) {
    deps.log.warn("aggregation incomplete; snapshot uses the counts recorded so far", { date, err });
    return countsOfTallies(await deps.store.readTallies(date, deps.aggregator.shards));
  }
};

/**
 * One recomputation: catch up the rollover if a finished day is not archived yet, count the open days'
 * logs, then build and save the daily/weekly/monthly snapshots and publish `ranking.updated` for each.
 */
export const recomputeRankings = async (deps: RecomputeDeps): Promise<RankingSnapshot[]> => {
  const now = deps.clock.now();
  const today = kstDateOf(now);
  const yesterday = addKstDays(today, -1);
  let state = await deps.countryStats.getRolloverState();
  if (!state || state.value.last_archived < yesterday) {
    await deps.rollover();
    state = await deps.countryStats.getRolloverState();
  }
  const lastArchived = state?.value.last_archived ?? yesterday;
  const openDays = kstDatesBetween(addKstDays(lastArchived, 1), today).slice(-(HISTORY_DAYS_NEEDED + 1));
  const live = new Map<KstDate, Counts>();
  for (const date of openDays) live.set(date, await openDayCounts(deps, date));
  const past = kstDatesEndingAt(yesterday, HISTORY_DAYS_NEEDED).filter((date) => !live.has(date));
  const archived = await deps.store.readArchivedDays(past);
  const countsOn = (date: KstDate): Counts => {
    const day = archived.get(date);
    return live.get(date) ?? (day ? countsOfDay(day) : {});
  };
  const snapshots = RANKING_PERIODS.map((period) => buildSnapshot(period, today, countsOn, now));
  await deps.snapshots.saveSnapshots(snapshots);
  // The snapshots are saved; an event that cannot go out now is sent with the next minute's snapshots.
  await inParallel(snapshots, snapshots.length, (snapshot) =>
    deps.events
      .rankingUpdated({
        period: snapshot.period,
        computed_at: snapshot.computed_at,
        top: snapshot.ranking
          .slice(0, TOP_IN_EVENT)
          .map(({ rank, country_code, score }) => ({ rank, country_code, score })),
      })
      .catch((err: unknown) =>
        deps.log.warn("ranking.updated not published", { period: snapshot.period, err }),
      ),
  );
  return snapshots;
};

/**
 * A cron-ranking tick: every replica's sidecar fires it. The first replica to create the tick's record
 * (first-write) owns the tick; the others skip it. The owner waits for the lock if a recomputation is
 * still running (admin, rollover), so every tick gets exactly one recomputation.
 */
export const recomputeOnTick = async (deps: RecomputeDeps): Promise<RecomputeOutcome> => {
  const tick = recomputeTickOf(deps.clock.now());
  const claimed = await deps.snapshots.claimTick({
    tick,
    replica: deps.replica,
    claimed_at: deps.clock.now().toISOString(),
  });
  if (!claimed) return "already-done";
  const { attempts, delayMs, sleep } = deps.lockWait ?? DEFAULT_LOCK_WAIT;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if ((await recomputeNow(deps)) === "recomputed") return "recomputed";
    if (attempt < attempts) await sleep(delayMs);
  }
  return "busy";
};

/** A recomputation now, unless one is running (then "busy"). Admin route, start-up, after a rollover. */
export const recomputeNow = async (deps: RecomputeDeps): Promise<RecomputeOutcome> => {
  const result = await deps.locks.runExclusive(RECOMPUTE_LOCK, RECOMPUTE_LOCK_SECONDS, () =>
    recomputeRankings(deps),
  );
  return result.ran ? "recomputed" : "busy";
};
