import { describe, expect, test } from "bun:test";
import { z } from "@hono/zod-openapi";
import { ok } from "../envelope.ts";
import { createLogger } from "../logger.ts";
import { MetricsRegistry } from "../metrics.ts";
import { manualClock } from "../time/clock.ts";
import { adminRoutes } from "./admin-routes.ts";
import { createServiceApp } from "./create-service-app.ts";
import { openApiDocumentProblems } from "./openapi-document-problems.ts";
import { envelopeContent } from "./route-content.ts";

const NOW = "2026-11-27T03:00:00.000Z";
const TOKEN = "admin-token-1";

/** An app with two admin routes declared through two `adminRoutes` calls (as two route files would). */
const appWithAdminRoutes = () => {
  const app = createServiceApp({
    service: "test-service",
    log: createLogger({ service: "test-service", sink: () => {} }),
    clock: manualClock(NOW),
    metrics: new MetricsRegistry(),
  });
  let runs = 0;
  for (const path of ["/api/v1/things/run", "/api/v1/things/reset"] as const) {
    const route = adminRoutes(app, async () => TOKEN).route({
      method: "post",
      path,
      request: { query: z.object({ days: z.coerce.number().int().min(1) }) },
      responses: { 200: envelopeContent(z.object({ runs: z.number() }), "Runs so far") },
    });
    app.openapi(route, (c) => {
      runs += 1;
      return c.json(ok({ runs }, new Date(NOW)), 200);
    });
  }
  const doc = () => app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
  return { app, doc, runs: () => runs };
};

describe("adminRoutes", () => {
  test("without the bearer token: 401 UNAUTHORIZED before validation, the handler never runs", async () => {
    const { app, runs } = appWithAdminRoutes();
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const res = await app.request("/api/v1/things/run?days=0", { method: "POST", headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    }
    expect(runs()).toBe(0);
  });

  test("with the bearer token the route validates and answers", async () => {
    const { app } = appWithAdminRoutes();
    const headers = { authorization: `Bearer ${TOKEN}` };
    expect((await app.request("/api/v1/things/run?days=0", { method: "POST", headers })).status).toBe(400);
    const res = await app.request("/api/v1/things/reset?days=1", { method: "POST", headers });
    expect(res.status).toBe(200);
  });

  test("the bearer scheme is registered once and every admin operation requires it and documents 401", async () => {
    const doc = appWithAdminRoutes().doc();
    expect(doc.components?.securitySchemes).toEqual({ adminToken: { type: "http", scheme: "bearer" } });
    for (const path of ["/api/v1/things/run", "/api/v1/things/reset"]) {
      const operation = doc.paths?.[path]?.post;
      expect(operation?.security).toEqual([{ adminToken: [] }]);
      expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(["200", "401"]);
    }
    expect(await openApiDocumentProblems(doc, async () => ({ valid: true }))).toEqual([]);
  });
});
