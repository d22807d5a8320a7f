import {
  type AnySubscription,
  APP_IDS,
  type Clock,
  createServiceApp,
  type DependencyCheck,
  type Logger,
  type MetricsRegistry,
  registerDaprRoutes,
} from "@trip/shared";
import { registerIngestRoutes } from "./routes/ingest.ts";
import type { IngestApi } from "./routes/ingest-api.ts";

export interface AppDeps {
  version: string;
  log: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  appToken: string | undefined;
  corsOrigins: readonly string[];
  checks: DependencyCheck[];
  subscriptions: AnySubscription[];
  crons: Record<string, () => Promise<unknown>>;
  ingest: IngestApi;
  /** The admin token, read from the secret store on first use. */
  adminToken: () => Promise<string | undefined>;
}

/** Builds the ingestor app from its dependencies; never reads the environment. */
export const createApp = (deps: AppDeps) => {
  const app = createServiceApp({
    service: APP_IDS.ingestor,
    log: deps.log,
    clock: deps.clock,
    metrics: deps.metrics,
    corsOrigins: deps.corsOrigins,
    ops: {
      version: deps.version,
      description: "Collects exchange rates on a schedule.",
      checks: deps.checks,
    },
  });
  registerDaprRoutes(app, {
    appToken: deps.appToken,
    log: deps.log,
    subscriptions: deps.subscriptions,
    crons: deps.crons,
  });
  registerIngestRoutes(app, { ingest: deps.ingest, adminToken: deps.adminToken, clock: deps.clock });
  return app;
};
