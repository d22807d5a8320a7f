import { describe, expect, test } from "bun:test";
import { addKstDays, kstDateOf } from "@trip/shared";
import type { Bar } from "../domain/bars.ts";
import type { HistoryData } from "../domain/history-report.ts";
import { buildTestApp, samplesOf } from "../testing/test-app.ts";

const NOW = "2026-11-27T03:00:00Z"; // 12:00 KST
const DAY = 86_400_000;
/** The old frontend's exact calls and headers (../shared/legacy.md). */
const OLD_HISTORY = "/api/v1/history?period=1w&target=USD&base=KRW&interval=daily";
const OLD_STATS = "/api/v1/history/stats?target=USD&period=6m&base=KRW";
const OLD_FRONTEND = { "content-type": "application/json", "x-correlation-id": "old-frontend-0001" };

/**
 * USD over the `days` KST days ending today: samples for yesterday and today (read raw), daily_stats
 * bars for the finished days before (as the hourly job leaves them).
 */
const usdDays = (days: number) => {
  const rateOf = (i: number) => 1390 + i * 1.5 + (i % 3);
  const older = Math.max(0, days - 2);
  const dailyStats = new Map<string, Bar[]>([
    [
      "USD",
      Array.from({ length: older }, (_, i) => {
        const close = rateOf(i);
        const key = addKstDays(kstDateOf(new Date(NOW)), i - days + 1);
        return { key, open: close - 1, high: close + 1, low: close - 2, close, average: close, samples: 1 };
      }),
    ],
  ]);
  const samples = samplesOf("USD", NOW, Math.min(days, 2), DAY, (i) => rateOf(older + i));
  return { samples, dailyStats };
};

const call = async (app: ReturnType<typeof buildTestApp>["app"], path: string, headers = {}) => {
  const res = await app.request(path, { headers });
  // biome-ignore lint/suspicious/noExplicitAny: envelopes are asserted field by field
  return { status: res.status, body: (await res.json()) as any };
};

const counted = async (app: ReturnType<typeof buildTestApp>["app"]) =>
  (await (await app.request("/metrics")).text())
    .split("\n")
    .filter((l) => l.startsWith("legacy_client_requests_total{"))
    .sort();

describe("the old frontend's history reads (statistics it formats with .toFixed())", () => {
  test("enough data: the same 200 as every client gets, every figure a number; counted", async () => {
    const { app } = buildTestApp({ now: NOW, ...usdDays(7) });
    const old = await call(app, OLD_HISTORY, OLD_FRONTEND);
    const current = await call(app, OLD_HISTORY);
    expect(old).toEqual(current);
    const stats = (old.body.data as HistoryData).statistics;
    for (const figure of [stats.average, stats.min, stats.max, stats.volatility])
      expect(typeof figure).toBe("number");
    expect(typeof stats.trend).toBe("string");
    expect(await counted(app)).toEqual([
      'legacy_client_requests_total{method="GET",route="/api/v1/history",service="history-service",status="200"} 1',
    ]);
  });

  test("too few points: never an invented number, never the null that crashes it — 404 naming the figures", async () => {
    // Two daily points: average/min/max exist, volatility needs two returns.
    const { app } = buildTestApp({ now: NOW, ...usdDays(2) });
    const old = await call(app, OLD_HISTORY, OLD_FRONTEND);
    expect(old.status).toBe(404);
    expect(old.body).toMatchObject({
      success: false,
      error: {
        code: "NOT_FOUND",
        message: "Not enough USD history in 1w to compute volatility",
        details: { missing: ["volatility"], data_points: 2, reason: "insufficient_data" },
      },
    });
    expect(await counted(app)).toEqual([
      'legacy_client_requests_total{method="GET",route="/api/v1/history",service="history-service",status="404"} 1',
    ]);
  });

  test("current clients keep the contract's answer: 200 with the figure null", async () => {
    const { app } = buildTestApp({ now: NOW, ...usdDays(2) });
    for (const headers of [
      {},
      { "x-correlation-id": "current-client-1" },
      { "content-type": "application/json" },
    ]) {
      const current = await call(app, OLD_HISTORY, headers);
      expect(current.status).toBe(200);
      expect(current.body.data.statistics).toMatchObject({ volatility: null, data_points: 2 });
    }
    expect(await counted(app)).toEqual([]);
  });

  test("no data at all: 404 naming every figure it reads", async () => {
    const { app } = buildTestApp({ now: NOW, samples: [] });
    const old = await call(app, OLD_HISTORY, OLD_FRONTEND);
    expect(old.status).toBe(404);
    expect(old.body.error.details.missing).toEqual(["average", "min", "max", "volatility", "trend"]);
  });

  test("history/stats: trend_direction and volatility_index follow the same rule", async () => {
    const thin = buildTestApp({ now: NOW, ...usdDays(2) }).app;
    const old = await call(thin, OLD_STATS, OLD_FRONTEND);
    expect([old.status, old.body.error.details.missing]).toEqual([404, ["volatility_index"]]);
    expect((await call(thin, OLD_STATS)).body.data.statistics.volatility_index).toBeNull();
    const enough = buildTestApp({ now: NOW, ...usdDays(60) }).app;
    const ok = await call(enough, OLD_STATS, OLD_FRONTEND);
    expect(ok.status).toBe(200);
    expect(typeof ok.body.data.statistics.volatility_index).toBe("number");
    expect(typeof ok.body.data.statistics.trend_direction).toBe("string");
  });

  test("LEGACY_CLIENT_COMPAT=false: the old frontend gets the contract's answer too (nulls), uncounted", async () => {
    const { app } = buildTestApp({ now: NOW, ...usdDays(2), legacyClientCompat: false });
    const old = await call(app, OLD_HISTORY, OLD_FRONTEND);
    expect(old.status).toBe(200);
    expect(old.body.data.statistics.volatility).toBeNull();
    expect(await counted(app)).toEqual([]);
  });
});
