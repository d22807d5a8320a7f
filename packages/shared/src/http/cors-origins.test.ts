import { describe, expect, test } from "bun:test";
import { createLogger } from "../logger.ts";
import { MetricsRegistry } from "../metrics.ts";
import { manualClock } from "../time/clock.ts";
import { createServiceApp } from "./create-service-app.ts";

const UI = "http://localhost:8080";
const OLD_FRONTEND = "http://localhost:3000";

const corsApp = () => {
  const lines: string[] = [];
  const metrics = new MetricsRegistry();
  const app = createServiceApp({
    service: "test-service",
    log: createLogger({ service: "test-service", sink: (line) => lines.push(line) }),
    clock: manualClock("2026-11-27T03:00:00.000Z"),
    metrics,
    corsOrigins: [UI, OLD_FRONTEND],
    ops: { version: "1", description: "cors test", checks: [] },
  });
  app.get("/api/v1/things", (c) => c.json({ ok: true }));
  const preflight = (origin: string, path = "/api/v1/things") =>
    app.request(path, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "GET",
        "access-control-request-headers": "content-type,x-correlation-id",
      },
    });
  const refusals = () =>
    metrics
      .render()
      .split("\n")
      .filter((l) => l.startsWith("http_cors_preflight_refused_total{"));
  const warnings = () =>
    lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === "warn");
  return { app, preflight, refusals, warnings };
};

describe("CORS for the configured origins", () => {
  test("an allowed origin's preflight (the old frontend's headers) is answered, not counted or logged", async () => {
    const t = corsApp();
    const res = await t.preflight(OLD_FRONTEND);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(OLD_FRONTEND);
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-correlation-id");
    expect(t.refusals()).toEqual([]);
    expect(t.warnings()).toEqual([]);
  });

  test("/health answers an allowed origin's preflight too (the old frontend reads it from the browser)", async () => {
    const res = await corsApp().preflight(UI, "/health");
    expect(res.headers.get("access-control-allow-origin")).toBe(UI);
  });

  test("a refused preflight gets no allow header, is logged at warn with its origin and counted", async () => {
    const t = corsApp();
    const res = await t.preflight("http://localhost:3001");
    await t.preflight("http://localhost:3001");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(t.refusals()).toEqual([
      'http_cors_preflight_refused_total{origin="http://localhost:3001",service="test-service"} 2',
    ]);
    expect(t.warnings()[0]).toMatchObject({
      msg: "CORS preflight refused: origin not in CORS_ORIGINS",
      origin: "http://localhost:3001",
      path: "/api/v1/things",
      request_method: "GET",
      allowed_origins: [UI, OLD_FRONTEND],
    });
  });

  test("a cross-origin request that is not a preflight, or one without Origin, is not counted", async () => {
    const t = corsApp();
    await t.app.request("/api/v1/things", { headers: { origin: "http://elsewhere.example" } });
    await t.app.request("/api/v1/things", { method: "OPTIONS" });
    expect(t.refusals()).toEqual([]);
  });

  test("the origin label is bounded: odd values are 'invalid', and past 50 origins they share 'other'", async () => {
    const t = corsApp();
    await t.preflight('http://x"} fake_metric 1');
    for (let i = 0; i < 51; i++) await t.preflight(`http://host-${i}.example`);
    expect(t.refusals()).toContain(
      'http_cors_preflight_refused_total{origin="invalid",service="test-service"} 1',
    );
    expect(t.refusals()).toContain(
      'http_cors_preflight_refused_total{origin="other",service="test-service"} 1',
    );
    expect(t.refusals()).toHaveLength(52);
  });
});
