import {
  APP_IDS,
  type Clock,
  createServiceApp,
  type DependencyCheck,
  type Logger,
  type MetricsRegistry,
  registerDaprRoutes,
} from "@trip/shared";
import { ratesUpdatedSubscription } from "./jobs/rates-updated-events.ts";
import { registerCurrencyRoutes } from "./routes/currencies/index.ts";
import type { PreviousClosePort, RatesPort } from "./use-cases/ports.ts";

export interface AppDeps {
  version: string;
  log: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  appToken: string | undefined;
  corsOrigins: readonly string[];
  /** LEGACY_CLIENT_COMPAT: the old frontend's routes (README "Old-frontend compatibility"). */
  legacyClientCompat: boolean;
  checks: DependencyCheck[];
  rates: RatesPort;
  previousClose: PreviousClosePort;
}

/** Builds the currency app from its dependencies; never reads the environment. */
export const createApp = (deps: AppDeps) => {
  const app = createServiceApp({
    service: APP_IDS.currency,
    log: deps.log,
    clock: deps.clock,
    metrics: deps.metrics,
    corsOrigins: deps.corsOrigins,
    legacyClientCompat: deps.legacyClientCompat,
    ops: {
      version: deps.version,
      description: "Current exchange rates, conversion and the Big Mac price index.",
      checks: deps.checks,
    },
  });
  registerDaprRoutes(app, {
    appToken: deps.appToken,
    log: deps.log,
    subscriptions: [ratesUpdatedSubscription(deps.rates, deps.log)],
    crons: {},
  });
  registerCurrencyRoutes(app, { rates: deps.rates, previousClose: deps.previousClose, clock: deps.clock });
  return app;
};
