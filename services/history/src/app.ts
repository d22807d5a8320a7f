import {
  APP_IDS,
  type Clock,
  CRON_BINDINGS,
  createServiceApp,
  type DependencyCheck,
  type Logger,
  type MetricsRegistry,
  registerDaprRoutes,
} from "@trip/shared";
import type { RunTrigger } from "./adapters/analysis-store.ts";
import type { RateHistoryStore } from "./adapters/rate-history-store.ts";
import type { SelectionStore } from "./adapters/selection-store.ts";
import { registerAnalysisRoutes } from "./routes/analysis.ts";
import { registerHistoryRoutes } from "./routes/history.ts";
import { historySubscriptions } from "./subscriptions.ts";
import type { AnalysisResult } from "./use-cases/analysis-job.ts";
import { createHistoryQueries } from "./use-cases/history-queries.ts";
import type { QueryCache } from "./use-cases/query-cache.ts";

export interface AppDeps {
  version: string;
  log: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  appToken: string | undefined;
  corsOrigins: readonly string[];
  /** LEGACY_CLIENT_COMPAT: the old frontend's rules (README "Old-frontend compatibility"). */
  legacyClientCompat: boolean;
  checks: DependencyCheck[];
  rates: RateHistoryStore;
  selections: SelectionStore;
  cache: QueryCache;
  /** The daily_stats job (crons, start-up and the admin route all run it). */
  runAnalysis: (trigger: RunTrigger) => Promise<AnalysisResult>;
  adminToken: () => Promise<string | undefined>;
}

/** Builds the history app from its dependencies; never reads the environment. */
export const createApp = (deps: AppDeps) => {
  const app = createServiceApp({
    service: APP_IDS.history,
    log: deps.log,
    clock: deps.clock,
    metrics: deps.metrics,
    corsOrigins: deps.corsOrigins,
    legacyClientCompat: deps.legacyClientCompat,
    ops: {
      version: deps.version,
      description: "Exchange-rate history, statistics and comparison.",
      checks: deps.checks,
    },
  });
  const cronTicks = deps.metrics.counter("cron_ticks_total", "Cron binding ticks received from the sidecar");
  const cron = (binding: string, trigger: RunTrigger) => async () => {
    cronTicks.inc({ binding });
    return deps.runAnalysis(trigger);
  };
  registerDaprRoutes(app, {
    appToken: deps.appToken,
    log: deps.log,
    subscriptions: historySubscriptions(deps),
    crons: {
      [CRON_BINDINGS.analysis]: cron(CRON_BINDINGS.analysis, "hourly"),
      // Closes the finished KST day right after midnight instead of up to an hour later.
      [CRON_BINDINGS.midnightKst]: cron(CRON_BINDINGS.midnightKst, "midnight"),
    },
  });
  const queries = createHistoryQueries({ store: deps.rates, cache: deps.cache, clock: deps.clock });
  registerHistoryRoutes(app, { queries, clock: deps.clock });
  registerAnalysisRoutes(app, deps);
  return app;
};
