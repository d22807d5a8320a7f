import {
  APP_IDS,
  type Clock,
  createServiceApp,
  type DependencyCheck,
  type Logger,
  type MetricsRegistry,
  registerDaprRoutes,
} from "@trip/shared";
import { analysisCrons } from "./jobs/analysis-crons.ts";
import { historySubscriptions } from "./jobs/subscriptions.ts";
import { registerAnalysisRoutes } from "./routes/analysis.ts";
import { registerHistoryRoutes } from "./routes/history.ts";
import type { AnalysisResult } from "./use-cases/analysis-job.ts";
import { createHistoryQueries } from "./use-cases/history-queries.ts";
import type { RateHistoryStore, RunTrigger, SelectionStore } from "./use-cases/ports.ts";
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
  const crons = analysisCrons(deps.metrics, deps.runAnalysis);
  registerDaprRoutes(app, {
    appToken: deps.appToken,
    log: deps.log,
    subscriptions: historySubscriptions(deps),
    crons,
  });
  const queries = createHistoryQueries({ store: deps.rates, cache: deps.cache, clock: deps.clock });
  registerHistoryRoutes(app, { queries, clock: deps.clock });
  registerAnalysisRoutes(app, deps);
  return app;
};
