import type { MetricsRegistry } from "../metrics.ts";

/** Records one answered request: its count by status and its latency, in seconds. */
export interface RequestSeries {
  record(seconds: number): void;
}

export type RequestMetrics = (method: string, route: string, status: number) => RequestSeries;

const registered = new WeakMap<MetricsRegistry, Map<string, RequestMetrics>>();

/**
 * The request metrics of one service (`http_requests_total`, `http_request_duration_seconds`), made
 * once per registry: the service shell and the hot routes at the server edge count into the same series.
 * Each (method, route, status) is bound once, so label keys are not rebuilt per request.
 * @example requestMetrics(metrics, "currency-service")("GET", "/health", 200).record(0.002);
 */
export const requestMetrics = (metrics: MetricsRegistry, service: string): RequestMetrics => {
  let services = registered.get(metrics);
  if (!services) {
    services = new Map();
    registered.set(metrics, services);
  }
  const known = services.get(service);
  if (known) return known;
  const requests = metrics.counter("http_requests_total", "HTTP requests by route and status");
  const latency = metrics.histogram("http_request_duration_seconds", "HTTP request latency");
  const bound = new Map<string, RequestSeries>();
  const series: RequestMetrics = (method, route, status) => {
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
  services.set(service, series);
  return series;
};
