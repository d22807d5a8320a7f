import {
  APP_IDS,
  type Clock,
  createServiceApp,
  type DependencyCheck,
  type Logger,
  type MetricsRegistry,
  registerDaprRoutes,
} from "@trip/shared";
import type { Context } from "hono";
import { registerGateway, type ServiceInvoker } from "./gateway.ts";
import { assetResponse, resolveAsset, type StaticAssets } from "./static-assets.ts";

export interface WebAppDeps {
  version: string;
  appToken: string | undefined;
  log: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  checks: DependencyCheck[];
  assets: StaticAssets;
  invoke: ServiceInvoker;
  clientAddress: (c: Context) => string | undefined;
  trustForwardedFor: boolean;
}

/** The web app: ops routes, the /api/v1 gateway, then the built UI with SPA fallback. Reads no env. */
export const createWebApp = (deps: WebAppDeps) => {
  const app = createServiceApp({
    service: APP_IDS.web,
    log: deps.log,
    clock: deps.clock,
    metrics: deps.metrics,
    ops: {
      version: deps.version,
      description: "Trip Service web UI and /api/v1 gateway (Dapr service invocation).",
      checks: deps.checks,
    },
  });
  // No subscriptions or cron bindings: /dapr/subscribe answers [] so the sidecar has nothing to wire.
  registerDaprRoutes(app, { appToken: deps.appToken, log: deps.log, subscriptions: [], crons: {} });
  registerGateway(app, deps);
  app.on(["GET", "HEAD"], "*", (c, next) => {
    // The sidecar probes /dapr/*: those get the JSON 404, never the UI's index.html.
    if (c.req.path.startsWith("/dapr/")) return next();
    const asset = resolveAsset(deps.assets, c.req.path);
    if (!asset) return next();
    return assetResponse(asset, c.req.header("accept-encoding"), c.req.method === "HEAD");
  });
  return app;
};
