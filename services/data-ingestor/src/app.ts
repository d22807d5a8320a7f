import {
  type AnySubscription,
  APP_IDS,
  type Clock,
  createServiceApp,
  type DependencyCheck,
  type Logger,
  type MetricsRegistry,
  registerDaprRoutes,
  registerOpsRoutes,
} from "@trip/shared";

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
}

/** Builds the ingestor app from its dependencies; never reads the environment. */
export const createApp = (deps: AppDeps) => {
  const app = createServiceApp({
    service: APP_IDS.ingestor,
    log: deps.log,
    clock: deps.clock,
    metrics: deps.metrics,
    corsOrigins: deps.corsOrigins,
  });
  registerOpsRoutes(app, {
    service: APP_IDS.ingestor,
    version: deps.version,
    description: "Collects exchange rates on a schedule.",
    clock: deps.clock,
    metrics: deps.metrics,
    checks: deps.checks,
  });
  registerDaprRoutes(app, {
    appToken: deps.appToken,
    log: deps.log,
    subscriptions: deps.subscriptions,
    crons: deps.crons,
  });
  return app;
};
