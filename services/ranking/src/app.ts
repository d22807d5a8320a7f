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
import type { Context } from "hono";
import { type AdminDeps, registerAdminRoutes } from "./routes/admin.ts";
import { registerRankingRoutes } from "./routes/rankings.ts";
import { registerSelectionRoutes } from "./routes/selections.ts";
import { registerVisitRoute } from "./routes/visits.ts";
import type { AcceptSelectionDeps } from "./use-cases/accept-selection.ts";
import type { SelectionLogStore, SnapshotStore } from "./use-cases/ports.ts";

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
  subscriptions: AnySubscription[];
  crons: Record<string, () => Promise<unknown>>;
  selections: AcceptSelectionDeps;
  /** The socket peer of a request (runtime-specific; used when no proxy hop is trusted). */
  peerAddress: (c: Context) => string | undefined;
  reads: { snapshots: SnapshotStore; store: SelectionLogStore; shards: number };
  admin: Omit<AdminDeps, "clock">;
}

/** Builds the ranking app from its dependencies; never reads the environment. */
export const createApp = (deps: AppDeps) => {
  const app = createServiceApp({
    service: APP_IDS.ranking,
    log: deps.log,
    clock: deps.clock,
    metrics: deps.metrics,
    corsOrigins: deps.corsOrigins,
    legacyClientCompat: deps.legacyClientCompat,
    ops: { version: deps.version, description: "Destination selections and rankings.", checks: deps.checks },
  });
  registerDaprRoutes(app, {
    appToken: deps.appToken,
    log: deps.log,
    subscriptions: deps.subscriptions,
    crons: deps.crons,
  });
  const selections = { ...deps.selections, clock: deps.clock, peerAddress: deps.peerAddress };
  registerSelectionRoutes(app, selections);
  registerVisitRoute(app, selections);
  registerRankingRoutes(app, { ...deps.reads, clock: deps.clock });
  registerAdminRoutes(app, { ...deps.admin, clock: deps.clock });
  return app;
};
