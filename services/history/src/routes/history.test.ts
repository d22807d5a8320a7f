import { describe, expect, test } from "bun:test";
import type { Bar } from "../domain/bars.ts";
import type { HistoryData } from "../domain/history-report.ts";
import type { StatsData } from "../domain/stats-report.ts";
import { APP_TOKEN, buildTestApp, getData, must, samplesOf } from "../testing/test-app.ts";

const NOW = "2026-11-27T03:00:00Z"; // 12:00 KST
const TWO_MIN = 120_000;
// Two days of 2-minute samples ending now: USD drifts up, JPY wobbles.
const usd = samplesOf("USD", NOW, 1440, TWO_MIN, (i) => 1400 + i * 0.01);
const jpy = samplesOf("JPY", NOW, 1440, TWO_MIN, (i) => 9.4 + (i % 7) * 0.01);
const dailyBar = (key: string, close: number): Bar => ({
  key,
  open: close - 1,
  high: close + 2,
  low: close - 2,
  close,
  average: close - 0.5,
  samples: 720,
});
const dailyStats = new Map([
  [
    "USD",
    ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"].map((d, i) =>
      dailyBar(d, 1390 + i),
    ),
  ],
]);

describe("GET /api/v1/history", () => {
  test("1d defaults to 5-minute buckets: 288 ascending points with the contract's fields", async () => {
    const { app } = buildTestApp({ now: NOW, samples: [...usd, ...jpy] });
    const { status, body } = await getData<HistoryData>(app, "/api/v1/history?target=USD&period=1d");
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, version: "v1" });
    const data = body.data;
    expect(Object.keys(data).sort()).toEqual([
      "base",
      "data_points",
      "interval",
      "period",
      "results",
      "statistics",
      "target",
    ]);
    expect(data).toMatchObject({
      base: "KRW",
      target: "USD",
      period: "1d",
      interval: "5min",
      data_points: 288,
    });
    expect(data.results).toHaveLength(288);
    expect(Object.keys(must(data.results[0])).sort()).toEqual(
      ["change", "change_percent", "close", "date", "high", "low", "open", "rate", "volume"].sort(),
    );
    const dates: string[] = data.results.map((r: { date: string }) => r.date);
    expect(dates[0]).toBe("2026-11-26T03:05:00.000Z");
    expect(dates.at(-1)).toBe("2026-11-27T03:00:00.000Z");
    expect([...dates].sort()).toEqual(dates);
    // volume counts samples: every sample since the window start lands in exactly one bucket
    const inWindow = usd.filter((s) => s.observedAt >= new Date("2026-11-26T03:05:00Z")).length;
    expect(data.results.reduce((sum: number, r: { volume: number }) => sum + r.volume, 0)).toBe(inWindow);
    expect(data.results.at(-1)).toMatchObject({ close: 1400 + 1439 * 0.01, volume: 1 });
    expect(Object.keys(data.statistics).sort()).toEqual([
      "average",
      "data_points",
      "max",
      "min",
      "trend",
      "volatility",
    ]);
    expect(data.statistics).toMatchObject({ data_points: 288, max: 1414.39, trend: "upward" });
  });

  test("daily points are KST dates: daily_stats for finished days, raw rows for yesterday and today", async () => {
    const { app } = buildTestApp({ now: NOW, samples: usd, dailyStats });
    const { body } = await getData<HistoryData>(app, "/api/v1/history?target=USD&period=1w&interval=daily");
    expect(body.data.results.map((r: { date: string }) => r.date)).toEqual([
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
    ]);
    expect(body.data.results[0]).toMatchObject({
      close: 1390,
      open: 1389,
      rate: 1389.5,
      volume: 720,
      change: null,
    });
    expect(body.data.results[1]).toMatchObject({ close: 1391, change: 1 });
    // today (KST) runs from 2026-11-26T15:00Z: 360 two-minute samples up to 12:00 KST
    expect(must(body.data.results[6]).volume).toBe(361);
  });

  test("a cross rate prices the target in the base, bucket by bucket", async () => {
    const { app } = buildTestApp({ now: NOW, samples: [...usd, ...jpy] });
    const { body } = await getData<HistoryData>(
      app,
      "/api/v1/history?target=JPY&base=USD&period=1d&interval=hourly",
    );
    expect(body.data).toMatchObject({ base: "USD", target: "JPY", interval: "hourly" });
    const last = must(body.data.results.at(-1));
    expect(last.close).toBeCloseTo((jpy.at(-1)?.rate as number) / (usd.at(-1)?.rate as number), 10);
  });

  test("KRW priced in USD is the inverse of USD in KRW", async () => {
    const { app } = buildTestApp({ now: NOW, samples: usd });
    const { body } = await getData<HistoryData>(
      app,
      "/api/v1/history?target=KRW&base=USD&period=1d&interval=hourly",
    );
    const last = must(body.data.results.at(-1));
    expect(last.close).toBeCloseTo(1 / (usd.at(-1)?.rate as number), 12);
    // 02:00–03:00 UTC holds USD samples 02:00 (lowest, 1414.09) … 02:58 (highest, 1414.38)
    const hour = must(body.data.results.at(-2));
    expect(hour.date).toBe("2026-11-27T02:00:00.000Z");
    expect(hour.high).toBeCloseTo(1 / 1414.09, 12);
    expect(hour.low).toBeCloseTo(1 / 1414.38, 12);
  });

  test("no stored data: empty results and null statistics", async () => {
    const { app } = buildTestApp({ now: NOW, samples: usd });
    const { status, body } = await getData<HistoryData>(app, "/api/v1/history?target=THB&period=1m");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ interval: "daily", data_points: 0, results: [] });
    expect(body.data.statistics).toEqual({
      average: null,
      min: null,
      max: null,
      volatility: null,
      trend: null,
      data_points: 0,
    });
  });

  test("answers are cached until exchange-rates.updated arrives", async () => {
    const { app, memory } = buildTestApp({ now: NOW, samples: usd });
    await getData<HistoryData>(app, "/api/v1/history?target=USD&period=1d");
    const reads = memory.state.reads;
    await getData<HistoryData>(app, "/api/v1/history?target=USD&period=1d");
    expect(memory.state.reads).toBe(reads);
    const event = {
      batch_id: "b1",
      provider: "fx-sandbox",
      observed_at: "2026-11-27T03:02:00.000Z",
      collected_at: "2026-11-27T03:02:01.000Z",
      rates: [{ currency_code: "USD", rate: 1415, tts: null, ttb: null, unit: 1 }],
    };
    const delivered = await app.request("/events/rates-updated", {
      method: "POST",
      headers: { "content-type": "application/json", "dapr-api-token": APP_TOKEN },
      body: JSON.stringify({ id: "e1", data: event }),
    });
    expect(await delivered.json()).toEqual({ status: "SUCCESS" });
    await getData<HistoryData>(app, "/api/v1/history?target=USD&period=1d");
    expect(memory.state.reads).toBeGreaterThan(reads);
  });
});

describe("gaps", () => {
  test("a bucket without samples is omitted, and change compares with the previous existing point", async () => {
    const at = (iso: string, rate: number) => ({ currency: "USD", rate, observedAt: new Date(iso) });
    const samples = [
      at("2026-11-27T00:10:00Z", 1400),
      at("2026-11-27T01:10:00Z", 1402),
      at("2026-11-27T02:50:00Z", 1407),
    ];
    const { app } = buildTestApp({ now: NOW, samples });
    const { body } = await getData<HistoryData>(app, "/api/v1/history?target=USD&period=1d&interval=hourly");
    expect(body.data.results.map((r) => [r.date, r.close, r.change])).toEqual([
      ["2026-11-27T00:00:00.000Z", 1400, null],
      ["2026-11-27T01:00:00.000Z", 1402, 2],
      ["2026-11-27T02:00:00.000Z", 1407, 5],
    ]);
    expect(body.data.data_points).toBe(3);
  });
});

describe("a series crossing KST midnight", () => {
  // 23:50 … 00:10 KST around the turn from 2026-11-30 to 2026-12-01, one sample a minute.
  const around = samplesOf("USD", "2026-11-30T15:10:00Z", 21, 60_000, (i) => 1400 + i);

  test("daily points split at 00:00 KST: 23:59:59.999 and 00:00:00.000 land on different days", async () => {
    const edge = [
      { currency: "USD", rate: 1500, observedAt: new Date("2026-11-30T14:59:59.999Z") },
      ...around.filter((s) => s.observedAt.getTime() !== Date.parse("2026-11-30T14:59:00Z")),
    ];
    const { app } = buildTestApp({ now: "2026-11-30T15:10:00Z", samples: edge });
    const { body } = await getData<HistoryData>(app, "/api/v1/history?target=USD&period=1w&interval=daily");
    expect(body.data.results.map((r) => [r.date, r.volume, r.close])).toEqual([
      ["2026-11-30", 10, 1500],
      ["2026-12-01", 11, 1420],
    ]);
    expect(must(body.data.results[1]).open).toBe(1410);
  });

  test("stats: the monthly breakdown has both KST months", async () => {
    const { app } = buildTestApp({ now: "2026-11-30T15:10:00Z", samples: around });
    const { body } = await getData<StatsData>(app, "/api/v1/history/stats?target=USD&period=1d");
    expect(body.data.monthly_breakdown.map((m) => [m.month, m.min, m.max])).toEqual([
      ["2026-11", 1400, 1409],
      ["2026-12", 1410, 1420],
    ]);
  });
});
