/**
 * What the product contract (and docs/conventions.md) fixes for the deployment; the policy tests hold the
 * rendered manifests to it. Names come from packages/shared so code, YAML and these tests share them.
 */
import { APP_IDS, COMPONENTS, CRON_BINDINGS } from "../../../packages/shared/src/names.ts";

export const appPorts: Record<string, number> = {
  [APP_IDS.currency]: 8001,
  [APP_IDS.ranking]: 8002,
  [APP_IDS.history]: 8003,
  [APP_IDS.ingestor]: 8004,
  [APP_IDS.web]: 8080,
};

export const cronSchedules: Record<string, string> = {
  [CRON_BINDINGS.ingest]: "@every 2m",
  [CRON_BINDINGS.ranking]: "@every 1m",
  [CRON_BINDINGS.analysis]: "@every 1h",
  [CRON_BINDINGS.midnightKst]: "CRON_TZ=Asia/Seoul 0 0 0 * * *",
};

/** Component type in production (the local profile swaps some for Redis / the file secret store). */
export const productionComponentTypes: Record<string, string> = {
  [COMPONENTS.cache]: "state.redis",
  [COMPONENTS.rankings]: "state.mongodb",
  [COMPONENTS.countryStats]: "state.mongodb",
  [COMPONENTS.dailySelections]: "state.mongodb",
  [COMPONENTS.tripDb]: "bindings.mysql",
  [COMPONENTS.pubsub]: "pubsub.kafka",
  [COMPONENTS.fxProvider]: "bindings.http",
  [COMPONENTS.lock]: "lock.redis",
  [COMPONENTS.secrets]: "secretstores.kubernetes",
  ...Object.fromEntries(Object.values(CRON_BINDINGS).map((name) => [name, "bindings.cron"])),
};

/** Public routes of the ingress: each API prefix to the app serving it, the rest to the UI. */
export const publicRoutes: Record<string, string> = {
  "/api/v1/currencies": APP_IDS.currency,
  // The old frontend's path of the price index (config.legacyClientCompat, docs/migration.md).
  "/api/v1/price-index": APP_IDS.currency,
  "/api/v1/rankings": APP_IDS.ranking,
  "/api/v1/history": APP_IDS.history,
  "/": APP_IDS.web,
};

/** Admin API: never routed by the public ingress. */
export const adminRoutePrefix = "/api/v1/ingest";

export { APP_IDS, COMPONENTS, CRON_BINDINGS };
