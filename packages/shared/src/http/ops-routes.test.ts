import { describe, expect, test } from "bun:test";
import { createLogger } from "../logger.ts";
import { MetricsRegistry } from "../metrics.ts";
import { manualClock } from "../time/clock.ts";
import { createServiceApp } from "./create-service-app.ts";
import { type DependencyCheck, sqlProbe, stateStoreProbe } from "./ops-routes.ts";

const NOW = "2026-11-27T03:00:00.000Z";
const check = (name: string, required: boolean, up: boolean | (() => Promise<boolean>)): DependencyCheck => ({
  name,
  required,
  ...(required ? { code: "CACHE_UNAVAILABLE" as const } : {}),
  check: typeof up === "function" ? up : async () => up,
});
const opsApp = (checks: DependencyCheck[], metrics = new MetricsRegistry()) =>
  createServiceApp({
    service: "test-service",
    log: createLogger({ service: "test-service", sink: () => {} }),
    clock: manualClock(NOW),
    metrics,
    ops: { version: "1.2.3", description: "ops test", checks },
  });
const get = async (app: ReturnType<typeof opsApp>, path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const statuses = (body: Record<string, unknown>) => {
  const checks = (body.data ?? (body.error as { details: unknown }).details) as {
    checks: Record<string, { status: string; required: boolean }>;
  };
  return Object.fromEntries(Object.entries(checks.checks).map(([k, v]) => [k, [v.status, v.required]]));
};

describe("/health", () => {
  test("all checks up: 200 healthy, with service, version and each check", async () => {
    const { status, body } = await get(
      opsApp([check("cache", true, true), check("db", false, true)]),
      "/health",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      success: true,
      timestamp: NOW,
      data: { status: "healthy", service: "test-service", version: "1.2.3" },
    });
    expect(statuses(body)).toEqual({ cache: ["up", true], db: ["up", false] });
  });

  test("a failing or throwing check makes it degraded, still 200", async () => {
    const broken = check("db", true, async () => {
      throw new Error("connection refused");
    });
    const { status, body } = await get(opsApp([check("cache", true, true), broken]), "/health");
    expect(status).toBe(200);
    expect((body.data as { status: string }).status).toBe("degraded");
    expect(statuses(body)).toEqual({ cache: ["up", true], db: ["down", true] });
  });
});

describe("/ready", () => {
  test("200 ready while only an optional dependency is down", async () => {
    const { status, body } = await get(
      opsApp([check("cache", true, true), check("fx", false, false)]),
      "/ready",
    );
    expect(status).toBe(200);
    expect((body.data as { status: string }).status).toBe("ready");
    expect(statuses(body)).toEqual({ cache: ["up", true], fx: ["down", false] });
  });

  test("503 with the failing required check's code and name", async () => {
    const { status, body } = await get(
      opsApp([check("cache", true, false), check("fx", false, true)]),
      "/ready",
    );
    expect(status).toBe(503);
    expect(body).toMatchObject({
      success: false,
      error: { code: "CACHE_UNAVAILABLE", message: "cache is not available" },
      timestamp: NOW,
    });
    expect(statuses(body)).toEqual({ cache: ["down", true], fx: ["up", false] });
  });

  test("a check that hangs counts as down after 2 s instead of hanging the probe", async () => {
    const hanging = check("db", true, () => new Promise<boolean>(() => {}));
    const started = performance.now();
    const { status } = await get(opsApp([hanging]), "/ready");
    expect(status).toBe(503);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("/metrics", () => {
  test("Prometheus text with the service's own series and the request counter by route", async () => {
    const metrics = new MetricsRegistry();
    metrics.counter("rates_served_total", "Rates served").inc({ currency: "USD" }, 2);
    const app = opsApp([check("cache", true, true)], metrics);
    await app.request("/health");
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toContain("# TYPE rates_served_total counter\n");
    expect(text).toContain('rates_served_total{currency="USD"} 2\n');
    expect(text).toContain(
      'http_requests_total{method="GET",route="/health",service="test-service",status="200"} 1',
    );
  });
});

describe("dependency probes", () => {
  test("sqlProbe is up only when SELECT 1 answers one row", async () => {
    expect(await sqlProbe({ query: async () => [{ ok: 1 }] })()).toBe(true);
    expect(await sqlProbe({ query: async () => [] })()).toBe(false);
  });

  test("stateStoreProbe is up when a read succeeds, even for a missing key; a failed read throws", async () => {
    const keys: string[] = [];
    const missing = { get: async (key: string) => void keys.push(key) };
    expect(await stateStoreProbe(missing)()).toBe(true);
    expect(keys).toEqual(["health:probe"]);
    const down = stateStoreProbe({ get: async () => Promise.reject(new Error("redis down")) });
    await expect(down()).rejects.toThrow("redis down");
  });
});
