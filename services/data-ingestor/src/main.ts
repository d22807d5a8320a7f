import {
  APP_IDS,
  COMPONENTS,
  CRON_BINDINGS,
  createServiceRuntime,
  sqlProbe,
  stateStoreProbe,
} from "@trip/shared";
import { createApp } from "./app.ts";
import { loadServiceConfig } from "./config.ts";

const { config, log, sidecar, metrics, clock } = createServiceRuntime(APP_IDS.ingestor, loadServiceConfig());
const cronTicks = metrics.counter("cron_ticks_total", "Cron binding ticks received from the sidecar");

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
      check: stateStoreProbe(sidecar.state(COMPONENTS.cache)),
    },
    {
      name: "database",
      required: true,
      code: "DATABASE_UNAVAILABLE",
      check: sqlProbe(sidecar.sql(COMPONENTS.tripDb)),
    },
  ],
  subscriptions: [],
  crons: {
    [CRON_BINDINGS.ingest]: async () => {
      cronTicks.inc({ binding: CRON_BINDINGS.ingest });
      log.info("cron tick", { binding: CRON_BINDINGS.ingest });
    },
  },
});

log.info("listening", { port: config.PORT });

export default { port: config.PORT, fetch: app.fetch };
