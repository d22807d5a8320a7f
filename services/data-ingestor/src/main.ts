import {
  APP_IDS,
  applyMigrationsWhenReady,
  COMPONENTS,
  createServiceRuntime,
  lazySecret,
  outputBinding,
  SECRET_KEYS,
  SidecarTransport,
  sqlProbe,
  stateStoreProbe,
} from "@trip/shared";
import { daprRunLock } from "./adapters/dapr-run-lock.ts";
import { fxBindingFetcher } from "./adapters/fx-binding-fetcher.ts";
import { prometheusIngestMetrics } from "./adapters/prometheus-ingest-metrics.ts";
import { pubsubRatesPublisher } from "./adapters/pubsub-rates-publisher.ts";
import { frankfurterSeriesSource, latestRatesSource } from "./adapters/rate-sources.ts";
import { sqlRatesRepository } from "./adapters/sql-rates-repository.ts";
import { sqlRunsRepository } from "./adapters/sql-runs-repository.ts";
import { stateRateCache } from "./adapters/state-rate-cache.ts";
import { createApp } from "./app.ts";
import { FX_API_KEY_SECRET, loadServiceConfig } from "./config.ts";
import { ingestCrons } from "./jobs/ingest-cron.ts";
import { createIngestApi } from "./routes/ingest-api.ts";
import type { IngestionDeps } from "./use-cases/ports.ts";

const { config, log, sidecar, metrics, clock } = createServiceRuntime(APP_IDS.ingestor, loadServiceConfig());
const cronTicks = metrics.counter("cron_ticks_total", "Cron binding ticks received from the sidecar");
const db = sidecar.sql(COMPONENTS.tripDb);
const cache = sidecar.state(COMPONENTS.cache);

// Provider calls get their own, longer timeout than other sidecar calls (the binding waits up to 10 s).
const providerTransport = new SidecarTransport({
  baseUrl: sidecar.transport.baseUrl,
  apiToken: config.DAPR_API_TOKEN,
  timeoutMs: config.FX_TIMEOUT_MS,
});
const fetchLatest = fxBindingFetcher(outputBinding(providerTransport, COMPONENTS.fxProvider), log);
const fetchSeries = fxBindingFetcher(outputBinding(providerTransport, config.FX_BACKFILL_BINDING), log);

const deps: IngestionDeps = {
  source: latestRatesSource({
    provider: config.FX_PROVIDER,
    fetch: fetchLatest,
    apiKey: lazySecret(sidecar, COMPONENTS.secrets, FX_API_KEY_SECRET, log),
    clock,
  }),
  series: frankfurterSeriesSource(fetchSeries),
  rates: sqlRatesRepository(db),
  runs: sqlRunsRepository(db),
  cache: stateRateCache(cache),
  events: pubsubRatesPublisher(sidecar.publisher(COMPONENTS.pubsub)),
  lock: daprRunLock(sidecar.lock(COMPONENTS.lock), log),
  metrics: prometheusIngestMetrics(metrics),
  clock,
  log,
  settings: {
    bandPercent: config.INGEST_JUMP_BAND_PERCENT,
    intervalSeconds: config.INGEST_INTERVAL_SECONDS,
    cacheTtlSeconds: config.RATE_CACHE_TTL_SECONDS,
    lockWaitMs: 15_000,
  },
  newId: () => crypto.randomUUID(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const app = createApp({
  version: config.SERVICE_VERSION,
  log,
  clock,
  metrics,
  appToken: config.APP_API_TOKEN,
  corsOrigins: config.CORS_ORIGINS,
  checks: [
    { name: "sidecar", required: true, check: () => sidecar.healthy() },
    {
      name: "cache",
      required: false,
      code: "CACHE_UNAVAILABLE",
      check: stateStoreProbe(cache),
    },
    { name: "database", required: true, code: "DATABASE_UNAVAILABLE", check: sqlProbe(db) },
  ],
  subscriptions: [],
  crons: ingestCrons(deps, cronTicks),
  ingest: createIngestApi(deps),
  adminToken: lazySecret(sidecar, COMPONENTS.secrets, SECRET_KEYS.adminToken, log),
});

void applyMigrationsWhenReady(db, log, clock);
log.info("listening", { port: config.PORT, provider: config.FX_PROVIDER });

// Bun closes a connection idle for 10 s by default; a run waits up to FX_TIMEOUT_MS for the provider.
export default { port: config.PORT, hostname: config.HOST, fetch: app.fetch, idleTimeout: 120 };
