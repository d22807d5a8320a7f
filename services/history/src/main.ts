import {
  APP_IDS,
  applyMigrationsWhenReady,
  COMPONENTS,
  createServiceRuntime,
  guardedSqlDatabase,
  lazySecret,
  SECRET_KEYS,
  sqlProbe,
} from "@trip/shared";
import { sqlAnalysisStore } from "./adapters/analysis-store.ts";
import { sqlRateHistoryStore } from "./adapters/rate-history-store.ts";
import { sqlSelectionStore } from "./adapters/selection-store.ts";
import { createApp } from "./app.ts";
import { loadServiceConfig } from "./config.ts";
import { runAnalysis } from "./use-cases/analysis-job.ts";
import { createQueryCache } from "./use-cases/query-cache.ts";

const { config, log, sidecar, metrics, clock } = createServiceRuntime(APP_IDS.history, loadServiceConfig());
const rawDb = sidecar.sql(COMPONENTS.tripDb);
const db = guardedSqlDatabase(rawDb, "The rate history database is not available");
const cache = createQueryCache({
  clock,
  ttlMs: config.HISTORY_CACHE_TTL_MS,
  maxEntries: config.HISTORY_CACHE_MAX_ENTRIES,
});
const owner = `${APP_IDS.history}:${crypto.randomUUID()}`;
const analysisDeps = {
  store: sqlAnalysisStore(db),
  lock: sidecar.lock(COMPONENTS.lock),
  log,
  clock,
  owner,
  lockTtlSeconds: config.ANALYSIS_LOCK_TTL_SECONDS,
  onAggregated: () => cache.clear(),
};

const app = createApp({
  version: config.SERVICE_VERSION,
  log,
  clock,
  metrics,
  appToken: config.APP_API_TOKEN,
  corsOrigins: config.CORS_ORIGINS,
  legacyClientCompat: config.LEGACY_CLIENT_COMPAT,
  checks: [
    { name: "sidecar", required: true, check: () => sidecar.healthy() },
    { name: "database", required: true, code: "DATABASE_UNAVAILABLE", check: sqlProbe(rawDb) },
  ],
  rates: sqlRateHistoryStore(db),
  selections: sqlSelectionStore(db),
  cache,
  runAnalysis: (trigger) => runAnalysis(analysisDeps, trigger),
  adminToken: lazySecret(sidecar, COMPONENTS.secrets, SECRET_KEYS.adminToken, log),
});

// Schema first (waits for the sidecar and MariaDB), then one catch-up run so daily_stats is current.
void applyMigrationsWhenReady(rawDb, log, clock).then(async () => {
  if (!config.ANALYSIS_ON_START) return;
  await runAnalysis(analysisDeps, "start").catch((err: unknown) =>
    log.warn("start-up analysis run failed; the hourly cron retries", { err }),
  );
});

log.info("listening", { port: config.PORT });

// The admin analysis run may take longer than Bun's default 10 s idle timeout on a large backlog.
export default { port: config.PORT, hostname: config.HOST, fetch: app.fetch, idleTimeout: 120 };
