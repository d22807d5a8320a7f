import {
  APP_IDS,
  COMPONENTS,
  createServiceRuntime,
  lazySecret,
  SECRET_KEYS,
  stateStoreProbe,
} from "@trip/shared";
import { overridableClock } from "./adapters/overridable-clock.ts";
import { createApp } from "./app.ts";
import { loadServiceConfig } from "./config.ts";
import { peerAddressOf } from "./routes/peer-address.ts";
import { composeRankingService } from "./service.ts";

const runtime = createServiceRuntime(APP_IDS.ranking, loadServiceConfig());
const { config, log, sidecar, metrics } = runtime;
const clockOverride = config.ALLOW_CLOCK_OVERRIDE ? overridableClock(runtime.clock) : undefined;
const clock = clockOverride ?? runtime.clock;
const replica = config.REPLICA_ID ?? `ranking-${crypto.randomUUID().slice(0, 8)}`;
if (clockOverride)
  log.warn("ALLOW_CLOCK_OVERRIDE is on: the admin clock route is enabled (test stacks only)");

const service = composeRankingService(
  {
    dailySelections: sidecar.state(COMPONENTS.dailySelections),
    rankings: sidecar.state(COMPONENTS.rankings),
    countryStats: sidecar.state(COMPONENTS.countryStats),
    publisher: sidecar.publisher(COMPONENTS.pubsub),
    lock: sidecar.lock(COMPONENTS.lock),
    adminToken: lazySecret(sidecar, COMPONENTS.secrets, SECRET_KEYS.adminToken, log),
    userHashSalt: lazySecret(sidecar, COMPONENTS.secrets, SECRET_KEYS.userHashSalt, log),
  },
  config,
  { log, clock, metrics, replica, ...(clockOverride ? { clockOverride } : {}) },
);

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
    {
      name: "ranking-store",
      required: true,
      code: "DATABASE_UNAVAILABLE",
      check: stateStoreProbe(sidecar.state(COMPONENTS.rankings)),
    },
  ],
  subscriptions: [],
  crons: service.crons,
  selections: service.selections,
  peerAddress: peerAddressOf,
  reads: service.reads,
  admin: service.admin,
});

/** Catch-up at start (days missed while down), once the sidecar answers; the minute cron retries later. */
const catchUpAtStart = async (): Promise<void> => {
  for (let attempt = 1; attempt <= 60; attempt++) {
    if (await sidecar.healthy()) {
      try {
        await service.startup();
        log.info("start-up catch-up done", { replica });
        return;
      } catch (err) {
        log.warn("start-up catch-up failed; retrying", { attempt, err });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * attempt)));
  }
  log.error("start-up catch-up gave up; cron-ranking will catch up on its next tick");
};
void catchUpAtStart();

log.info("listening", { port: config.PORT, replica });

export default { port: config.PORT, hostname: config.HOST, fetch: app.fetch };
