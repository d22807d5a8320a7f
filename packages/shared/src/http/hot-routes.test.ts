import { describe, expect, test } from "bun:test";
import { MetricsRegistry } from "../metrics.ts";
import { withHotRoutes } from "./hot-routes.ts";
import { requestMetrics } from "./request-metrics.ts";

const HOT = "/api/v1/currencies/latest";

/** A server fetch with one hot route in front of an "app" that says it answered. */
const server = (answer: () => Response | undefined = () => Response.json({ from: "memory" })) => {
  const metrics = new MetricsRegistry();
  const app = async (request: Request) => Response.json({ from: "app", url: request.url });
  const fetch = withHotRoutes(app, { service: "currency-service", metrics, routes: { [HOT]: answer } });
  return { fetch, metrics };
};
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:8001${path}`, { headers });
const from = async (response: Response) => ((await response.json()) as { from: string }).from;

describe("withHotRoutes", () => {
  test("a GET of exactly the hot path is answered from memory, with its correlation id, counted", async () => {
    const { fetch, metrics } = server();
    const res = await fetch(get(HOT, { "x-correlation-id": "corr-hot-1" }));
    expect(await from(res)).toBe("memory");
    expect(res.headers.get("x-correlation-id")).toBe("corr-hot-1");
    expect(metrics.render()).toContain(
      `http_requests_total{method="GET",route="${HOT}",service="currency-service",status="200"} 1`,
    );
  });

  test("the app's own requests count into the same series as the hot answers", () => {
    const metrics = new MetricsRegistry();
    expect(requestMetrics(metrics, "currency-service")).toBe(requestMetrics(metrics, "currency-service"));
  });

  test("a query, another path, another method or a browser's cross-origin request goes to the app", async () => {
    const { fetch } = server();
    expect(await from(await fetch(get(`${HOT}?base=USD`)))).toBe("app");
    expect(await from(await fetch(get(`${HOT}/`)))).toBe("app");
    expect(await from(await fetch(new Request(`http://127.0.0.1:8001${HOT}`, { method: "POST" })))).toBe(
      "app",
    );
    expect(await from(await fetch(get(HOT, { origin: "http://127.0.0.1:8080" })))).toBe("app");
  });

  test("an answer of undefined (nothing in memory yet) leaves the request to the app", async () => {
    const { fetch, metrics } = server(() => undefined);
    expect(await from(await fetch(get(HOT)))).toBe("app");
    expect(metrics.render()).not.toContain("http_requests_total{");
  });
});
