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
import { activeTracer, inServerSpan, recordServerSpan, untracedTraceparent } from "../tracing/spans.ts";
import { corsForOrigins } from "./cors-origins.ts";
import { errorHandler } from "./error-handler.ts";
import { legacyClient } from "./legacy-client.ts";
import { type DependencyCheck, registerOpsRoutes } from "./ops-routes.ts";
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
 * `app.hot(path, answer)` lets a service answer its hottest parameterless read before all of that.
 * @example const app = createServiceApp({ service: "currency-service", log, clock, metrics });
 */
export const createServiceApp = (options: ServiceAppOptions) => {
  const { service, log, clock, metrics } = options;
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const requests = metrics.counter("http_requests_total", "HTTP requests by route and status");
  const compat = legacyClient({ service, enabled: options.legacyClientCompat ?? false, metrics });
  const latency = metrics.histogram("http_request_duration_seconds", "HTTP request latency");
  // The request metrics of one (method, route, status), bound once: label keys are not rebuilt per request.
  const bound = new Map<string, { record(seconds: number): void }>();
  const series = (method: string, route: string, status: number) => {
    const key = `${method} ${route} ${status}`;
    let found = bound.get(key);
    if (!found) {
      const count = requests.bind({ service, method, route, status: String(status) });
      const time = latency.bind({ service, method, route });
      found = {
        record: (seconds) => {
          count.inc();
          time.observe(seconds);
        },
      };
      bound.set(key, found);
    }
    return found;
  };

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
  const hot = hotRoutes(app, series);
  app.fetch = closeConnectionsWhileDraining(app.fetch);
  return Object.assign(app, { hot, legacy: compat.legacy });
};

/**
 * Answers from memory, before routing and the middleware chain; `undefined` takes the normal path.
 * Only for a parameterless GET whose answer is already in memory (see `hot`).
 */
export type HotAnswer = () => Response | undefined;

/**
 * `app.hot(path, answer)`: the most requested read of a service, answered without the request shell
 * when it can be — a GET of exactly `path` (no query) that is not a cross-origin browser request.
 * It still gets its X-Correlation-ID, is counted in the request metrics under the same route and, with
 * tracing on, has its SERVER span;
 * whenever `answer` returns undefined (nothing in memory yet, a refresh due) the request takes the
 * normal route, so errors, logging and validation stay where they are.
 */
const hotRoutes = (
  app: OpenAPIHono,
  series: (method: string, route: string, status: number) => { record(seconds: number): void },
) => {
  const answers = new Map<string, HotAnswer>();
  const fetch = app.fetch;
  app.fetch = (request, ...rest) => {
    if (answers.size > 0 && request.method === "GET") {
      const url = request.url;
      // The path and query as sent: only an exact match of a hot path (so: no query) is hot.
      const path = url.slice(url.indexOf("/", url.indexOf("//") + 2));
      const answer = answers.get(path);
      if (answer !== undefined && !request.headers.has("origin")) {
        const started = performance.now();
        const response = answer();
        if (response !== undefined) {
          const correlationId = acceptCorrelationId(request.headers.get("x-correlation-id"));
          response.headers.set("X-Correlation-ID", correlationId);
          series("GET", path, response.status).record((performance.now() - started) / 1000);
          const tracer = activeTracer();
          if (tracer !== undefined) {
            const traceparent = request.headers.get("traceparent") ?? undefined;
            recordServerSpan(tracer, { method: "GET", path, traceparent, correlationId }, started, {
              route: path,
              status: response.status,
            });
          }
          return response;
        }
      }
    }
    return fetch(request, ...rest);
  };
  return (path: `/${string}`, answer: HotAnswer): void => {
    answers.set(path, answer);
  };
};

export type ServiceApp = ReturnType<typeof createServiceApp>;
