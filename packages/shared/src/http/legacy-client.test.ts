import { describe, expect, test } from "bun:test";
import { createRoute, z } from "@hono/zod-openapi";
import { createLogger } from "../logger.ts";
import { MetricsRegistry } from "../metrics.ts";
import { manualClock } from "../time/clock.ts";
import { createServiceApp } from "./create-service-app.ts";

const alias = createRoute({
  method: "get",
  path: "/api/v1/old-name",
  responses: { 200: { description: "ok", content: { "application/json": { schema: z.object({}) } } } },
});
const OLD_FRONTEND_HEADERS = { "content-type": "application/json", "x-correlation-id": "old-client-0001" };

const appWith = (legacyClientCompat: boolean | undefined) => {
  const metrics = new MetricsRegistry();
  const app = createServiceApp({
    service: "test-service",
    log: createLogger({ service: "test-service", sink: () => {} }),
    clock: manualClock("2026-11-27T03:00:00.000Z"),
    metrics,
    ...(legacyClientCompat === undefined ? {} : { legacyClientCompat }),
    ops: { version: "1", description: "legacy test", checks: [] },
  });
  if (app.legacy.enabled) app.openapi(app.legacy.route(alias), (c) => c.json({}, 200));
  app.get("/api/v1/current", (c) => c.json({ old: app.legacy.isOldFrontendRead(c) }));
  const counted = () =>
    metrics
      .render()
      .split("\n")
      .filter((l) => l.startsWith("legacy_client_requests_total{"));
  return { app, counted };
};

describe("app.legacy (LEGACY_CLIENT_COMPAT)", () => {
  test("a compatibility route is deprecated in /openapi.json and each request it answers is counted", async () => {
    const { app, counted } = appWith(true);
    expect((await app.request("/api/v1/old-name")).status).toBe(200);
    await app.request("/api/v1/old-name");
    await app.request("/api/v1/current");
    const doc = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, { get: { deprecated?: boolean } }>;
    };
    expect(doc.paths["/api/v1/old-name"]?.get.deprecated).toBe(true);
    expect(doc.paths["/api/v1/current"]).toBeUndefined(); // plain routes are not documented at all
    expect(counted()).toEqual([
      'legacy_client_requests_total{method="GET",route="/api/v1/old-name",service="test-service",status="200"} 2',
    ]);
  });

  test("switched off (the default for apps that do not pass it): no compatibility route, nothing counted", async () => {
    for (const setting of [false, undefined]) {
      const { app, counted } = appWith(setting);
      expect((await app.request("/api/v1/old-name")).status).toBe(404);
      const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
      expect(doc.paths["/api/v1/old-name"]).toBeUndefined();
      const read = await app.request("/api/v1/current", { headers: OLD_FRONTEND_HEADERS });
      expect(await read.json()).toEqual({ old: false });
      expect(counted()).toEqual([]);
    }
  });

  test("the old frontend's read is a GET with Content-Type: application/json and X-Correlation-ID; counted", async () => {
    const { app, counted } = appWith(true);
    const old = async (headers: Record<string, string>) =>
      ((await (await app.request("/api/v1/current", { headers })).json()) as { old: boolean }).old;
    expect(await old(OLD_FRONTEND_HEADERS)).toBe(true);
    expect(await old({ ...OLD_FRONTEND_HEADERS, "content-type": "application/json; charset=utf-8" })).toBe(
      true,
    );
    expect(await old({ "x-correlation-id": "current-client-01" })).toBe(false);
    expect(await old({ "content-type": "application/json" })).toBe(false);
    expect(await old({})).toBe(false);
    expect(counted()).toEqual([
      'legacy_client_requests_total{method="GET",route="/api/v1/current",service="test-service",status="200"} 2',
    ]);
  });
});
