import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import { acceptCorrelationId, incomingRequestContext, runWithContext } from "../context.ts";
import { failure } from "../envelope.ts";
import { AppError } from "../errors.ts";
import { closeConnectionsWhileDraining } from "../graceful-shutdown.ts";
import type { Logger } from "../logger.ts";
import type { MetricsRegistry } from "../metrics.ts";
import type { Clock } from "../time/clock.ts";
import { activeTracer, inServerSpan, untracedTraceparent } from "../tracing/spans.ts";
import { corsForOrigins } from "./cors-origins.ts";
import { errorHandler } from "./error-handler.ts";
import { legacyClient } from "./legacy-client.ts";
import { type DependencyCheck, registerOpsRoutes } from "./ops-routes.ts";
import { requestMetrics } from "./request-metrics.ts";
import { validationHook } from "./validation.ts";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The registered path of the handler that answered (after `next()`, Hono's route index points at it),
 * e.g. "/api/v1/currencies/latest" rather than the "/api/v1/currencies/:code" that also matched. When
 * a middleware answered (a guard's 401, the body limit's 413), the route it stood in front of;
 * "unmatched" when no route matched (404).
 */
const answeringRoute = (c: Context): string => {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex];
  if (answered && !answered.path.endsWith("*")) return answered.path;
  return routes.findLast((r) => !r.path.endsWith("*"))?.path ?? "unmatched";
};

/**
 * The route a request's SERVER span is named after: the metrics' one, except that a handler registered
 * on a wildcard (the web gateway's `/api/*`) names itself rather than "unmatched".
 */
const spanRoute = (c: Context): string => {
  const route = answeringRoute(c);
  if (route !== "unmatched" || c.res.status === 404) return route;
  const answered = matchedRoutes(c)[c.req.routeIndex];
  return answered && answered.path !== "*" ? answered.path : route;
};

/**
 * Probes and the sidecar's start-up questions, asked every few seconds by kubelet and daprd: not traced
 * (they would bury the traces of real requests), and their sidecar calls carry an unsampled traceparent.
 */
const UNTRACED_PATHS = new Set(["/health", "/ready", "/metrics", "/dapr/subscribe", "/dapr/config"]);

export interface ServiceAppOptions {
  service: string;
  log: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  corsOrigins?: readonly string[];
  /** LEGACY_CLIENT_COMPAT, for the services the old frontend calls (`app.legacy`); default off. */
  legacyClientCompat?: boolean;
  /** The ops routes every service serves (/health, /ready, /metrics, /openapi.json, /docs). */
  ops?: { version: string; description: string; checks: DependencyCheck[] };
}

/**
 * The common shell of every service: correlation ids, 64 KiB body limit, CORS for the UI origins
 * (refused preflights logged and counted, cors-origins.ts), request metrics, old-client compatibility
 * (`app.legacy`, legacy-client.ts), zod validation → 400, one error envelope, JSON 404,
 * `Connection: close` while the process drains (graceful-shutdown.ts) — and, given `ops`, the ops routes.
 * A service's hottest parameterless read is answered before all of that where the server is built
 * (`withHotRoutes`, hot-routes.ts), not by the app.
 * @example const app = createServiceApp({ service: "currency-service", log, clock, metrics });
 */
export const createServiceApp = (options: ServiceAppOptions) => {
  const { service, log, clock, metrics } = options;
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const compat = legacyClient({ service, enabled: options.legacyClientCompat ?? false, metrics });
  const series = requestMetrics(metrics, service);

  app.use("*", async (c, next) => {
    const started = performance.now();
    const tracer = activeTracer();
    let correlationId: string;
    if (tracer === undefined) {
      const context = incomingRequestContext(c.req.header("x-correlation-id"), c.req.header("traceparent"));
      await runWithContext(context, next);
      correlationId = context.correlationId;
    } else {
      // With tracing on, the request's sidecar calls name this app's SERVER span as their parent.
      correlationId = acceptCorrelationId(c.req.header("x-correlation-id"));
      const sent = c.req.header("traceparent");
      if (UNTRACED_PATHS.has(c.req.path)) {
        await runWithContext({ correlationId, traceparent: untracedTraceparent(sent) }, next);
      } else {
        const request = { method: c.req.method, path: c.req.path, traceparent: sent, correlationId };
        await inServerSpan(
          tracer,
          request,
          (traceparent) => runWithContext({ correlationId, traceparent }, next),
          () => ({ route: spanRoute(c), status: c.res.status }),
        );
      }
    }
    c.res.headers.set("X-Correlation-ID", correlationId);
    const route = answeringRoute(c);
    series(c.req.method, route, c.res.status).record((performance.now() - started) / 1000);
    compat.record(c, c.req.method, route, c.res.status);
  });
  app.on(
    ["POST", "PUT", "PATCH", "DELETE"],
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", "Request body exceeds 64 KiB");
      },
    }),
  );
  // The responses are not cacheable, so no `Vary: Origin` is owed. /health too: the old frontend reads it
  // from the browser (../shared/legacy.md).
  const corsHeaders = corsForOrigins({ service, origins: options.corsOrigins ?? [], log, metrics });
  app.use("/api/*", corsHeaders);
  app.use("/health", corsHeaders);
  app.onError(errorHandler(log, clock));
  app.notFound((c) =>
    c.json(failure("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`, clock.now()), 404),
  );
  if (options.ops) registerOpsRoutes(app, { service, clock, metrics, ...options.ops });
  app.fetch = closeConnectionsWhileDraining(app.fetch);
  return Object.assign(app, { legacy: compat.legacy });
};

export type ServiceApp = ReturnType<typeof createServiceApp>;
