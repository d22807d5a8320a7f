import { AppError, type Logger, type MetricsRegistry, type ServiceApp } from "@trip/shared";
import type { Context } from "hono";
import { upstreamFor } from "./upstreams.ts";

/** Dapr service invocation, in the shape of `Sidecar.invoke` from @trip/shared. */
export type ServiceInvoker = (
  appId: string,
  path: string,
  init: { method: string; body?: string; headers: Record<string, string> },
) => Promise<Response>;

export interface GatewayDeps {
  invoke: ServiceInvoker;
  log: Logger;
  metrics: MetricsRegistry;
  /** The TCP peer of the request, when the runtime knows it. */
  clientAddress: (c: Context) => string | undefined;
  trustForwardedFor: boolean;
}

// Request headers a service may need; everything else (cookies, auth, hop-by-hop) stays at the edge.
// X-Correlation-ID and traceparent are added by the sidecar client from the request context.
const FORWARDED_REQUEST_HEADERS = [
  "accept",
  "accept-language",
  "content-type",
  "if-none-match",
  "user-agent",
];
// Response headers passed back; content-length/encoding are recomputed, infrastructure headers dropped.
const RETURNED_RESPONSE_HEADERS = ["content-type", "cache-control", "retry-after", "etag", "last-modified"];

const forwardedFor = (c: Context, deps: GatewayDeps): string | undefined => {
  const peer = deps.clientAddress(c);
  const sent = c.req.header("x-forwarded-for");
  if (deps.trustForwardedFor && sent) return peer ? `${sent}, ${peer}` : sent;
  return peer;
};

const requestHeaders = (c: Context, deps: GatewayDeps): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = c.req.header(name);
    if (value !== undefined) headers[name] = value;
  }
  const xff = forwardedFor(c, deps);
  if (xff) headers["x-forwarded-for"] = xff;
  return headers;
};

/** daprd's own failures (app not found, connection refused) carry `errorCode` and name addresses. */
const isSidecarError = (body: string): boolean => {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return typeof parsed.errorCode === "string" && typeof parsed.success !== "boolean";
  } catch {
    return false; // not JSON, so not daprd's error shape
  }
};

/**
 * The target's sidecar refused the call under the Dapr Configuration's access-control policy: the route
 * (or method) is not one the web gateway may call, so to the client it does not exist.
 */
const isPolicyRefusal = (status: number, body: string): boolean =>
  status === 403 && isSidecarError(body) && body.includes("access control policy");

const unavailable = (appId: string, cause?: unknown) =>
  new AppError(
    "EXTERNAL_API_ERROR",
    `${appId} is unavailable, try again shortly`,
    { service: appId },
    { cause },
  );

/**
 * Forwards /api/v1/currencies|rankings|history/* to the owning service through the web app's sidecar,
 * passing method, path, query, body and status through unchanged.
 */
export const registerGateway = (app: ServiceApp, deps: GatewayDeps): void => {
  const upstream = deps.metrics.counter(
    "gateway_upstream_responses_total",
    "Forwarded API calls by app and status",
  );

  app.all("/api/*", async (c) => {
    const appId = upstreamFor(c.req.path);
    if (!appId) throw new AppError("NOT_FOUND", `No API route for ${c.req.method} ${c.req.path}`);
    const url = new URL(c.req.url);
    // No API path segment holds control characters (%00-%1F, %7F): such a path is the client's malformed
    // request, answered here before any service sees it.
    if (/%(?:[01][0-9a-f]|7f)/i.test(url.pathname)) {
      throw new AppError("DATA_VALIDATION_ERROR", "The request path contains control characters");
    }
    const method = c.req.method;
    const body = method === "GET" || method === "HEAD" ? undefined : await c.req.text();
    let res: Response;
    try {
      res = await deps.invoke(appId, `${url.pathname}${url.search}`, {
        method,
        headers: requestHeaders(c, deps),
        ...(body === undefined ? {} : { body }),
      });
    } catch (err) {
      upstream.inc({ app_id: appId, status: "unreachable" });
      deps.log.warn("service invocation failed", { app_id: appId, err });
      throw unavailable(appId, err);
    }
    upstream.inc({ app_id: appId, status: String(res.status) });
    const headers = new Headers();
    for (const name of RETURNED_RESPONSE_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    if (res.ok) return new Response(res.body, { status: res.status, headers });
    const text = await res.text();
    if (isPolicyRefusal(res.status, text)) {
      deps.log.info("route not allowed by the access-control policy", {
        app_id: appId,
        method,
        path: url.pathname,
      });
      throw new AppError("NOT_FOUND", `No API route for ${method} ${c.req.path}`);
    }
    if (isSidecarError(text)) {
      deps.log.warn("sidecar refused the invocation", { app_id: appId, status: res.status });
      throw unavailable(appId);
    }
    return new Response(text, { status: res.status, headers });
  });
};
