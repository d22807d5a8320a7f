import type { RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { MetricsRegistry } from "../metrics.ts";

/**
 * Compatibility with the frontend of the system this one replaces (../shared/legacy.md) while a
 * migration runs side by side. Switched by LEGACY_CLIENT_COMPAT (default true): off, no compatibility
 * route exists (404, absent from /openapi.json) and no old-client rule applies. Everything it serves is
 * counted in `legacy_client_requests_total{service,method,route,status}`, so an operator sees when the
 * old frontend has stopped calling and the switch can be turned off.
 */
export interface LegacyClient {
  readonly enabled: boolean;
  /**
   * A route only the old frontend calls, marked `deprecated: true` in /openapi.json; the requests it
   * answers are counted. Register it only when `enabled`.
   * @example if (app.legacy.enabled) app.openapi(app.legacy.route(priceIndexAlias), handler);
   */
  route<R extends RouteConfig>(route: R): R & { deprecated: true };
  /**
   * Whether `c` is one of the old frontend's reads — a GET that declares `Content-Type:
   * application/json` and sends `X-Correlation-ID`, as its API module does on every call (current
   * clients send no content type without a body) — and compatibility is on. Counted when true.
   */
  isOldFrontendRead(c: Context): boolean;
}

/** The legacy client of one app, and the hook its request shell calls once a request is answered. */
export const legacyClient = (options: { service: string; enabled: boolean; metrics: MetricsRegistry }) => {
  const requests = options.metrics.counter(
    "legacy_client_requests_total",
    "Requests served by old-frontend compatibility (deprecated routes, old-client rules); LEGACY_CLIENT_COMPAT=false removes them",
  );
  const routes = new Set<string>();
  const marked = new WeakSet<Context>();
  const legacy: LegacyClient = {
    enabled: options.enabled,
    route(route) {
      // The path as Hono registers it (`{code}` → `:code`), the one the request metrics name.
      routes.add(`${route.method.toUpperCase()} ${route.path.replace(/\{(\w+)\}/g, ":$1")}`);
      return { ...route, deprecated: true };
    },
    isOldFrontendRead(c) {
      const read =
        options.enabled &&
        c.req.method === "GET" &&
        (c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json") &&
        c.req.header("x-correlation-id") !== undefined;
      if (read) marked.add(c);
      return read;
    },
  };
  const record = (c: Context, method: string, route: string, status: number): void => {
    if (marked.has(c) || routes.has(`${method} ${route}`))
      requests.inc({ service: options.service, method, route, status: String(status) });
  };
  return { legacy, record };
};
