import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { routePath } from "hono/route";
import { acceptCorrelationId, acceptTraceparent, runWithContext } from "../context.ts";
import { failure } from "../envelope.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { MetricsRegistry } from "../metrics.ts";
import type { Clock } from "../time/clock.ts";
import { errorHandler } from "./error-handler.ts";
import { type DependencyCheck, registerOpsRoutes } from "./ops-routes.ts";
import { validationHook } from "./validation.ts";

export const MAX_BODY_BYTES = 64 * 1024;

export interface ServiceAppOptions {
  service: string;
  log: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  corsOrigins?: readonly string[];
  /** The ops routes every service serves (/health, /ready, /metrics, /openapi.json, /docs). */
  ops?: { version: string; description: string; checks: DependencyCheck[] };
}

/**
 * The common shell of every service: correlation ids, 64 KiB body limit, CORS for the UI origins,
 * request metrics, zod validation → 400, one error envelope, JSON 404 — and, given `ops`, the ops routes.
 * @example const app = createServiceApp({ service: "currency-service", log, clock, metrics });
 */
export const createServiceApp = (options: ServiceAppOptions) => {
  const { service, log, clock, metrics } = options;
  const app = new OpenAPIHono({ defaultHook: validationHook });
  const requests = metrics.counter("http_requests_total", "HTTP requests by route and status");
  const latency = metrics.histogram("http_request_duration_seconds", "HTTP request latency");

  app.use("*", async (c, next) => {
    const correlationId = acceptCorrelationId(c.req.header("x-correlation-id"));
    const traceparent = acceptTraceparent(c.req.header("traceparent"));
    const started = performance.now();
    await runWithContext({ correlationId, traceparent }, next);
    c.res.headers.set("X-Correlation-ID", correlationId);
    const route = routePath(c, -1) || "unmatched";
    const labels = { service, method: c.req.method, route, status: String(c.res.status) };
    requests.inc(labels);
    latency.observe((performance.now() - started) / 1000, { service, method: c.req.method, route });
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", "Request body exceeds 64 KiB");
      },
    }),
  );
  app.use(
    "/api/*",
    cors({
      origin: [...(options.corsOrigins ?? [])],
      allowHeaders: ["Content-Type", "X-Correlation-ID", "Authorization"],
    }),
  );
  app.onError(errorHandler(log, clock));
  app.notFound((c) =>
    c.json(failure("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`, clock.now()), 404),
  );
  if (options.ops) registerOpsRoutes(app, { service, clock, metrics, ...options.ops });
  return app;
};

export type ServiceApp = ReturnType<typeof createServiceApp>;
