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

const { config, log, sidecar, metrics, clock } = createServiceRuntime(APP_IDS.ranking, loadServiceConfig());
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
      name: "ranking-store",
      required: true,
      check: stateStoreProbe(sidecar.state(COMPONENTS.rankings)),
    },
  ],
  subscriptions: [],
  crons: {
    [CRON_BINDINGS.ranking]: async () => {
      cronTicks.inc({ binding: CRON_BINDINGS.ranking });
      log.info("cron tick", { binding: CRON_BINDINGS.ranking });
    },
    [CRON_BINDINGS.midnightKst]: async () => {
      cronTicks.inc({ binding: CRON_BINDINGS.midnightKst });
      log.info("cron tick", { binding: CRON_BINDINGS.midnightKst });
    },
  },
});

log.info("listening", { port: config.PORT });

export default { port: config.PORT, fetch: app.fetch };
