import {
  APP_IDS,
  COMPONENTS,
  createServiceRuntime,
  sqlProbe,
  stateStoreProbe,
  withHotRoutes,
} from "@trip/shared";
import { rateCache } from "./adapters/rate-cache.ts";
import { rateDatabase } from "./adapters/rate-database.ts";
import { createApp } from "./app.ts";
import { loadServiceConfig } from "./config.ts";
import { LATEST_RATES_PATH, latestRatesFromMemory } from "./routes/currencies/latest.ts";
import { eitherPasses } from "./use-cases/either-passes.ts";
import { PreviousCloseReader } from "./use-cases/previous-close.ts";
import { RateReader } from "./use-cases/rate-reader.ts";

const { config, log, sidecar, metrics, clock } = createServiceRuntime(APP_IDS.currency, loadServiceConfig());
const cacheStore = sidecar.state(COMPONENTS.cache);
const sql = sidecar.sql(COMPONENTS.tripDb);
const database = rateDatabase(sql);
const cacheCheck = stateStoreProbe(cacheStore);
const databaseCheck = sqlProbe(sql);
const rates = new RateReader({
  cache: rateCache(cacheStore, log, config.CACHE_REFILL_TTL_SECONDS),
  database,
  clock,
  log,
  metrics,
  ttlMs: config.RATE_SNAPSHOT_TTL_MS,
});

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
    { name: "cache", required: false, code: "CACHE_UNAVAILABLE", check: cacheCheck },
    { name: "database", required: false, code: "DATABASE_UNAVAILABLE", check: databaseCheck },
    // Rates can be served while either store answers (cache first, MariaDB as the fallback).
    {
      name: "rate-store",
      required: true,
      code: "DATABASE_UNAVAILABLE",
      check: eitherPasses(cacheCheck, databaseCheck),
    },
  ],
  rates,
  previousClose: new PreviousCloseReader(database, clock, log),
});

log.info("listening", { port: config.PORT });

// The server's fetch: the hot route answered from memory, before the app (withHotRoutes).
export default {
  port: config.PORT,
  hostname: config.HOST,
  fetch: withHotRoutes(app.fetch, {
    service: APP_IDS.currency,
    metrics,
    routes: { [LATEST_RATES_PATH]: latestRatesFromMemory({ rates, clock }) },
  }),
};
