import { describe, expect, test } from "bun:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { DaprError, MetricsRegistry, openApiDocumentProblems } from "@trip/shared";
import { prometheusIngestMetrics } from "./adapters/prometheus-ingest-metrics.ts";
import { createApp } from "./app.ts";
import { ProviderError } from "./domain/provider-snapshot.ts";
import { createIngestApi } from "./routes/ingest-api.ts";
import { fakeIngestion, snapshotOf } from "./testing/fakes.ts";
import { runScheduledIngestion } from "./use-cases/run-ingestion.ts";

const ADMIN = "admin-secret";
const APP_TOKEN = "app-secret";

const build = () => {
  const setup = fakeIngestion("2026-11-27T03:00:30Z");
  const metrics = new MetricsRegistry();
  setup.deps.metrics = prometheusIngestMetrics(metrics);
  setup.source.next = async () => snapshotOf("2026-11-27T03:00:00Z", { USD: 1469.85, EUR: 1705.32 });
  const app = createApp({
    version: "test",
    log: setup.deps.log,
    clock: setup.clock,
    metrics,
    appToken: APP_TOKEN,
    corsOrigins: [],
    checks: [],
    subscriptions: [],
    crons: { "cron-ingest": () => runScheduledIngestion(setup.deps) },
    ingest: createIngestApi(setup.deps),
    adminToken: async () => ADMIN,
  });
  return { app, setup };
};
const asAdmin = { method: "POST", headers: { Authorization: `Bearer ${ADMIN}` } };

describe("admin routes", () => {
  test.each([
    ["/api/v1/ingest/run", {}],
    ["/api/v1/ingest/run", { Authorization: "Bearer wrong" }],
    ["/api/v1/ingest/run", { Authorization: ADMIN }],
    ["/api/v1/ingest/backfill?days=30", {}],
    ["/api/v1/ingest/backfill?days=0", { Authorization: "Bearer wrong" }],
  ])("POST %s with headers %p → 401 and nothing runs", async (path, headers) => {
    const { app, setup } = build();
    const res = await app.request(path, { method: "POST", headers });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    expect(setup.runs.runs.size).toBe(0);
  });

  test("POST /run with the admin token runs now and answers the recorded run", async () => {
    const { app } = build();
    const res = await app.request("/api/v1/ingest/run", asAdmin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { success: boolean; data: Record<string, unknown> };
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({ trigger: "manual", status: "succeeded", inserted: 2, published: true });
  });

  test("a run whose provider fails answers 503 EXTERNAL_API_ERROR with the failed run in details", async () => {
    const { app, setup } = build();
    setup.source.next = async () => {
      throw new ProviderError("http", "fx-provider: the provider answered HTTP 500");
    };
    const res = await app.request("/api/v1/ingest/run", asAdmin);
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      error: { code: string; details: { run: { status: string; error: string } } };
    };
    expect(body.error.code).toBe("EXTERNAL_API_ERROR");
    expect(body.error.details.run).toMatchObject({
      status: "failed",
      error: "fx-provider: the provider answered HTTP 500",
    });
  });

  test("backfill days outside 1..3650 → 400 DATA_VALIDATION_ERROR", async () => {
    const { app } = build();
    for (const days of ["0", "3651", "abc"]) {
      const res = await app.request(`/api/v1/ingest/backfill?days=${days}`, asAdmin);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("DATA_VALIDATION_ERROR");
    }
  });

  test("backfill answers the range, business days and counts", async () => {
    const { app, setup } = build();
    setup.series.series = [snapshotOf("2026-11-26T14:59:59.999Z", { USD: 1469.85 })].map((s) => ({
      ...s,
      provider: "frankfurter" as const,
    }));
    const res = await app.request("/api/v1/ingest/backfill?days=7", asAdmin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({
      from: "2026-11-20",
      to: "2026-11-26",
      business_days: 1,
      currencies: 1,
    });
    expect(body.data.run).toMatchObject({ trigger: "backfill", inserted: 1 });
  });
});

describe("GET /api/v1/ingest/status", () => {
  test("before any run: no last run, the next window as next scheduled run, zero totals", async () => {
    const { app } = build();
    const res = await app.request("/api/v1/ingest/status");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Record<string, unknown> };
    expect(data).toMatchObject({
      provider: "exchangerate-api",
      schedule: { binding: "cron-ingest", interval_seconds: 120 },
      last_run: null,
      last_success_at: null,
      next_scheduled_run: "2026-11-27T03:02:00.000Z",
    });
    expect(data.totals).toMatchObject({ runs: 0, rows_inserted: 0 });
  });

  test("after a cron tick and a failed manual run: the last run, its error, and totals by status", async () => {
    const { app, setup } = build();
    const tick = await app.request("/cron-ingest", {
      method: "POST",
      headers: { "dapr-api-token": APP_TOKEN },
    });
    expect(tick.status).toBe(200);
    setup.clock.advance(10_000);
    setup.source.next = async () => {
      throw new ProviderError("malformed", "exchangerate-api: response is not valid JSON");
    };
    await app.request("/api/v1/ingest/run", asAdmin);
    const { data } = (await (await app.request("/api/v1/ingest/status")).json()) as {
      data: { last_run: Record<string, unknown>; totals: Record<string, number>; next_scheduled_run: string };
    };
    expect(data.last_run).toMatchObject({
      trigger: "manual",
      status: "failed",
      error: "exchangerate-api: response is not valid JSON",
    });
    expect(data.totals).toMatchObject({ runs: 2, succeeded: 1, failed: 1, rows_inserted: 2 });
    expect(data.next_scheduled_run).toBe("2026-11-27T03:02:30.000Z");
  });

  test("the cron route answers only the sidecar's app token", async () => {
    const { app, setup } = build();
    expect((await app.request("/cron-ingest", { method: "POST" })).status).toBe(401);
    expect(setup.runs.runs.size).toBe(0);
  });
});

describe("ops", () => {
  test("/metrics counts runs by status and inserted rows", async () => {
    const { app } = build();
    await app.request("/api/v1/ingest/run", asAdmin);
    const text = await (await app.request("/metrics")).text();
    expect(text).toContain('ingest_runs_total{status="succeeded",trigger="manual"} 1');
    expect(text).toContain('ingest_rows_inserted_total{trigger="manual"} 2');
  });

  test("/openapi.json documents the three ingest routes and the bearer scheme", async () => {
    const { app } = build();
    const doc = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/ingest/status", "/api/v1/ingest/run", "/api/v1/ingest/backfill"]),
    );
    expect(doc.components.securitySchemes.adminToken).toEqual({ type: "http", scheme: "bearer" });
  });

  test("/openapi.json is a valid OpenAPI 3 document", async () => {
    const doc = await (await build().app.request("/openapi.json")).json();
    expect(await openApiDocumentProblems(doc, (d) => new Validator().validate(d))).toEqual([]);
  });
});

describe("when the database is not reachable", () => {
  test("status and run answer 503 DATABASE_UNAVAILABLE without internals", async () => {
    const { app, setup } = build();
    const down = new DaprError(
      "binding trip-db query",
      500,
      "dial tcp 127.0.0.1:3307: connect: connection refused",
    );
    setup.runs.latest = async () => Promise.reject(down);
    setup.runs.claim = async () => Promise.reject(down);
    for (const res of [
      await app.request("/api/v1/ingest/status"),
      await app.request("/api/v1/ingest/run", asAdmin),
    ]) {
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe("DATABASE_UNAVAILABLE");
      expect(text).not.toContain("3307");
    }
  });
});
