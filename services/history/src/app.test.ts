import { describe, expect, test } from "bun:test";
import { createSidecar, guardedSqlDatabase } from "@trip/shared";
import { sqlRateHistoryStore } from "./adapters/rate-history-store.ts";
import { ADMIN_TOKEN, APP_TOKEN, buildTestApp } from "./testing/test-app.ts";

const ENDPOINTS = [
  "/api/v1/history?target=USD&period=1m",
  "/api/v1/history/stats?target=USD&period=1y",
  "/api/v1/history/compare?targets=USD,JPY&period=1w",
];

describe("database unavailable → 503 DATABASE_UNAVAILABLE, never made-up data", () => {
  test("the sidecar does not answer (nothing listens on its port)", async () => {
    const sidecar = createSidecar({ baseUrl: "http://127.0.0.1:9", timeoutMs: 500 });
    const { app } = buildTestApp({
      rates: sqlRateHistoryStore(
        guardedSqlDatabase(sidecar.sql("trip-db"), "The rate history database is not available"),
      ),
    });
    for (const path of ENDPOINTS) {
      const res = await app.request(path);
      const text = await res.text();
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
      expect(JSON.parse(text).error.code).toBe("DATABASE_UNAVAILABLE");
      expect(text).not.toContain("127.0.0.1");
      expect(text).not.toContain("results");
    }
  });

  test("the sidecar answers but MariaDB behind the binding is down", async () => {
    const bindingDown = async () =>
      new Response(
        JSON.stringify({
          errorCode: "ERR_INVOKE_OUTPUT_BINDING",
          message:
            "error invoking output binding trip-db: dial tcp 127.0.0.1:3307: connect: connection refused",
        }),
        { status: 500 },
      );
    const sidecar = createSidecar({
      baseUrl: "http://127.0.0.1:3503",
      fetch: bindingDown as unknown as typeof fetch,
    });
    const { app } = buildTestApp({
      rates: sqlRateHistoryStore(
        guardedSqlDatabase(sidecar.sql("trip-db"), "The rate history database is not available"),
      ),
    });
    const res = await app.request(ENDPOINTS[0] as string);
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text).error.code).toBe("DATABASE_UNAVAILABLE");
    expect(text).not.toContain("3307");
    expect(text).not.toContain("SELECT");
  });
});

const deliver = (
  app: ReturnType<typeof buildTestApp>["app"],
  route: string,
  body: unknown,
  token = APP_TOKEN,
) =>
  app.request(route, {
    method: "POST",
    headers: { "content-type": "application/json", "dapr-api-token": token },
    body: JSON.stringify(body),
  });

describe("ranking.selection-recorded", () => {
  const selection = {
    selection_id: "sel-123",
    country_code: "JP",
    currency_code: "JPY",
    user_hash: "4f2a",
    session_id: null,
    selected_at: "2026-11-27T14:59:59.999Z",
    kst_date: "2026-11-27",
  };

  test("a redelivered event is stored once and acknowledged both times", async () => {
    const { app, selections, metrics } = buildTestApp();
    for (const id of ["e1", "e2"]) {
      const res = await deliver(app, "/events/selection-recorded", { id, data: selection });
      expect(await res.json()).toEqual({ status: "SUCCESS" });
    }
    expect(selections.rows.size).toBe(1);
    const text = metrics.render();
    expect(text).toContain('history_selections_recorded_total{outcome="inserted"} 1');
    expect(text).toContain('history_selections_recorded_total{outcome="duplicate"} 1');
  });

  test("a malformed event is dropped to the dead-letter topic", async () => {
    const { app, selections } = buildTestApp();
    const res = await deliver(app, "/events/selection-recorded", { id: "e3", data: { selection_id: "x" } });
    expect(await res.json()).toEqual({ status: "DROP" });
    expect(selections.rows.size).toBe(0);
  });

  test("only the sidecar may deliver", async () => {
    const { app } = buildTestApp();
    const res = await deliver(app, "/events/selection-recorded", { id: "e4", data: selection }, "wrong");
    expect(res.status).toBe(401);
  });

  test("/dapr/subscribe lists both topics with dead-letter topics", async () => {
    const { app } = buildTestApp();
    const res = await app.request("/dapr/subscribe", { headers: { "dapr-api-token": APP_TOKEN } });
    expect(await res.json()).toEqual([
      {
        pubsubname: "pubsub",
        topic: "exchange-rates.updated",
        route: "/events/rates-updated",
        deadLetterTopic: "exchange-rates.updated.dlq",
      },
      {
        pubsubname: "pubsub",
        topic: "ranking.selection-recorded",
        route: "/events/selection-recorded",
        deadLetterTopic: "ranking.selection-recorded.dlq",
      },
    ]);
  });
});

describe("jobs", () => {
  test("cron-analysis runs the hourly job and cron-midnight-kst closes the day; both only for the sidecar", async () => {
    const { app, analysisRuns, metrics } = buildTestApp();
    expect((await app.request("/cron-analysis", { method: "POST" })).status).toBe(401);
    expect((await deliver(app, "/cron-analysis", {})).status).toBe(200);
    expect((await deliver(app, "/cron-midnight-kst", {})).status).toBe(200);
    expect(analysisRuns).toEqual(["hourly", "midnight"]);
    expect(metrics.render()).toContain('cron_ticks_total{binding="cron-analysis"} 1');
  });

  test("the admin route runs the job on demand with the admin token only", async () => {
    const { app, analysisRuns } = buildTestApp();
    const denied = await app.request("/api/v1/history/analysis/run", { method: "POST" });
    expect(denied.status).toBe(401);
    const res = await app.request("/api/v1/history/analysis/run", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { status: string } }).data.status).toBe("succeeded");
    expect(analysisRuns).toEqual(["manual"]);
  });

  test("/openapi.json documents the history routes", async () => {
    const { app } = buildTestApp();
    const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/history",
        "/api/v1/history/stats",
        "/api/v1/history/compare",
        "/api/v1/history/analysis/run",
      ]),
    );
  });
});
