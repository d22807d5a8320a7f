import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { Logger } from "../logger.ts";
import type { MetricsRegistry } from "../metrics.ts";

/** Distinct origins a refusal is labelled with; later ones share `origin="other"` (bounded series). */
const MAX_LABELLED_ORIGINS = 50;
const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.[\]:-]{1,200}$/;

export interface CorsOptions {
  service: string;
  /** CORS_ORIGINS: the browser origins (scheme://host:port) that may call the API. */
  origins: readonly string[];
  log: Logger;
  metrics: MetricsRegistry;
}

/**
 * CORS for the configured UI origins that fails loudly: a browser's preflight from any other origin is
 * answered without `Access-Control-Allow-Origin` (the browser then refuses the call) and is logged at
 * warn with the origin and counted in `http_cors_preflight_refused_total{service,origin}` — a client
 * whose origin is missing from CORS_ORIGINS shows up in the logs and on a dashboard instead of only in
 * its users' browsers (the old frontend even hides it behind mock figures, ../shared/legacy.md).
 * Requests without `Origin` (the gateway, the sidecars, API clients) skip the CORS work entirely.
 * @example app.use("/api/*", corsForOrigins({ service, origins: config.CORS_ORIGINS, log, metrics }));
 */
export const corsForOrigins = (options: CorsOptions): MiddlewareHandler => {
  const allowed = new Set(options.origins);
  const headers = cors({
    origin: [...options.origins],
    allowHeaders: ["Content-Type", "X-Correlation-ID", "Authorization"],
  });
  const refused = options.metrics.counter(
    "http_cors_preflight_refused_total",
    "CORS preflights refused because their Origin is not in CORS_ORIGINS, by origin",
  );
  const labelled = new Set<string>();
  const labelOf = (origin: string): string => {
    if (!PLAIN_ORIGIN.test(origin)) return "invalid";
    if (labelled.has(origin)) return origin;
    if (labelled.size >= MAX_LABELLED_ORIGINS) return "other";
    labelled.add(origin);
    return origin;
  };
  const isPreflight = (c: Context) =>
    c.req.method === "OPTIONS" && c.req.header("access-control-request-method") !== undefined;

  return (c, next) => {
    const origin = c.req.header("origin");
    if (origin === undefined) return next();
    if (!allowed.has(origin) && isPreflight(c)) {
      refused.inc({ service: options.service, origin: labelOf(origin) });
      options.log.warn("CORS preflight refused: origin not in CORS_ORIGINS", {
        origin: origin.slice(0, 200),
        path: c.req.path,
        request_method: c.req.header("access-control-request-method"),
        request_headers: c.req.header("access-control-request-headers"),
        allowed_origins: options.origins,
      });
    }
    return headers(c, next);
  };
};
