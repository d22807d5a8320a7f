import type { Clock, DistributedLock, Logger, MetricsRegistry, Publisher, StateStore } from "@trip/shared";
import { countryStatsStore } from "./adapters/country-stats-store.ts";
import { jobLock } from "./adapters/job-lock.ts";
import { rankingEvents } from "./adapters/ranking-events.ts";
import { rankingMetrics } from "./adapters/ranking-metrics.ts";
import { selectionLogStore } from "./adapters/selection-log-store.ts";
import { snapshotStore } from "./adapters/snapshot-store.ts";
import type { AppDeps } from "./app.ts";
import type { Config } from "./config.ts";
import { FixedWindowLimiter } from "./domain/rate-limit.ts";
import { LOG_SHARDS } from "./domain/selection-log.ts";
import { hashUserId } from "./domain/user-hash.ts";
import { rankingCrons } from "./jobs/ranking-crons.ts";
import type { AggregatorDeps } from "./use-cases/aggregate-log.ts";
import { createLogAppender } from "./use-cases/log-appender.ts";
import type { OverridableClock } from "./use-cases/ports.ts";
import { type RecomputeDeps, recomputeNow } from "./use-cases/recompute-rankings.ts";
import { createSelectionRecorder } from "./use-cases/record-selection.ts";
import { runRollover } from "./use-cases/rollover.ts";

/** What the service needs from its sidecar, as narrow ports (in-memory fakes in tests). */
export interface RankingPorts {
  dailySelections: StateStore;
  rankings: StateStore;
  countryStats: StateStore;
  publisher: Publisher;
  lock: DistributedLock;
  adminToken: () => Promise<string | undefined>;
  userHashSalt: () => Promise<string | undefined>;
}

const DAY_SECONDS = 86_400;
const LOG_BATCH_MAX = 50;

/**
 * Wires stores, jobs and use cases from ports and config: the parts of `AppDeps` that are the ranking
 * service itself, plus the jobs `main.ts` runs at start.
 */
export const composeRankingService = (
  ports: RankingPorts,
  config: Config,
  runtime: {
    log: Logger;
    clock: Clock;
    metrics: MetricsRegistry;
    replica: string;
    clockOverride?: OverridableClock;
    lockWait?: RecomputeDeps["lockWait"];
  },
) => {
  const { log, clock } = runtime;
  const m = rankingMetrics(runtime.metrics);
  const store = selectionLogStore(ports.dailySelections, {
    selectionSeconds: config.SELECTION_ID_RETENTION_DAYS * DAY_SECONDS,
    logSeconds: config.LOG_RETENTION_DAYS * DAY_SECONDS,
  });
  const snapshots = snapshotStore(ports.rankings);
  const countryStats = countryStatsStore(ports.countryStats);
  const events = rankingEvents(ports.publisher);
  const locks = jobLock(ports.lock, runtime.replica, log);
  const aggregator: AggregatorDeps = {
    store,
    events,
    shards: LOG_SHARDS,
    onCounted: (n) => m.counted.inc({}, n),
    onDuplicates: (n) => {
      if (n > 0) m.duplicates.inc({}, n);
    },
  };
  const rollover = (trigger: string) =>
    runRollover({
      aggregator,
      store,
      countryStats,
      locks,
      clock,
      log,
      maxCatchUpDays: config.ROLLOVER_MAX_CATCHUP_DAYS,
      onArchived: () => m.daysArchived.inc(),
    }).then((result) => {
      m.rolloverRuns.inc({ trigger, outcome: result.outcome });
      return result;
    });
  const recompute: RecomputeDeps = {
    aggregator,
    store,
    snapshots,
    countryStats,
    events,
    locks,
    clock,
    log,
    replica: runtime.replica,
    rollover: () => rollover("recompute"),
    ...(runtime.lockWait ? { lockWait: runtime.lockWait } : {}),
  };
  /** Recomputes now (unless one is running) and counts it under `trigger`. */
  const recomputeFor = async (trigger: "admin" | "startup" | "midnight") => {
    const outcome = await recomputeNow(recompute);
    if (outcome === "recomputed") m.recomputations.inc({ trigger });
    return outcome;
  };
  const appender = createLogAppender({
    store,
    clock,
    shards: LOG_SHARDS,
    maxBatch: LOG_BATCH_MAX,
    onConflict: () => m.appendConflicts.inc(),
  });
  const salted = async (userId: string): Promise<string> => {
    const salt = await ports.userHashSalt();
    if (!salt) throw new Error("user-hash-salt is not readable from the secret store");
    return hashUserId(salt, userId);
  };
  const crons: AppDeps["crons"] = rankingCrons({ recompute, rollover, recomputeFor, log, metrics: m });
  return {
    crons,
    selections: {
      recorder: createSelectionRecorder({ store, appender, clock }),
      limiter: new FixedWindowLimiter(config.RATE_LIMIT_WINDOW_SECONDS * 1000),
      limits: { perAddress: config.RATE_LIMIT_PER_ADDRESS, perClient: config.RATE_LIMIT_PER_CLIENT },
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
      hashUserId: salted,
      clock,
      onResult: (result) => m.selections.inc({ result }),
    } satisfies AppDeps["selections"],
    reads: { snapshots, store, shards: LOG_SHARDS } satisfies AppDeps["reads"],
    admin: {
      adminToken: ports.adminToken,
      recompute: () => recomputeFor("admin"),
      rollover: () => rollover("admin"),
      clockOverride: runtime.clockOverride,
    } satisfies AppDeps["admin"],
    /** At start: archive days missed while the service was down, then fresh snapshots. */
    startup: async () => {
      await rollover("startup");
      await recomputeFor("startup");
      m.startupCatchUps.inc();
    },
  };
};
