import { acceptCorrelationId } from "../context.ts";
import { isDraining } from "../graceful-shutdown.ts";
import type { MetricsRegistry } from "../metrics.ts";
import { activeTracer, recordServerSpan } from "../tracing/spans.ts";
import { requestMetrics } from "./request-metrics.ts";

/**
 * Answers from memory, before routing and the middleware chain; `undefined` takes the normal path.
 * Only for a parameterless GET whose answer is already in memory.
 */
export type HotAnswer = () => Response | undefined;

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export interface HotRoutesOptions {
  /** The app id the request metrics are labelled with (the service shell's `service`). */
  service: string;
  /** The registry the service shell counts into: a hot answer is counted in the same series. */
  metrics: MetricsRegistry;
  /** Exact paths (no query) and their answers. */
  routes: Readonly<Record<`/${string}`, HotAnswer>>;
}

/**
 * The server's `fetch`: a service's most requested reads answered before the app, composed where the
 * server is built (`main.ts`), so the app itself stays one plain type. A GET of exactly a hot path (no
 * query) that is not a cross-origin browser request is answered by its `HotAnswer`; it still gets its
 * X-Correlation-ID, is counted in the request metrics under the same route, has its SERVER span with
 * tracing on and answers `Connection: close` while the process drains. Whenever the answer is undefined
 * (nothing in memory yet, a refresh due) the app answers, so errors, logging and validation stay there.
 * @example export default { port, fetch: withHotRoutes(app.fetch, { service, metrics, routes: { "/api/v1/x": fromMemory } }) };
 */
export const withHotRoutes = <F extends Fetch>(fetch: F, options: HotRoutesOptions): F => {
  const answers = new Map<string, HotAnswer>(Object.entries(options.routes));
  const series = requestMetrics(options.metrics, options.service);
  return ((request: Request, ...rest: never[]) => {
    if (request.method === "GET") {
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
          if (isDraining()) response.headers.set("Connection", "close");
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
  }) as F;
};
