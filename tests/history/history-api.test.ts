import { beforeAll, describe, expect, test } from "bun:test";
import { waitFor } from "../support/stack.ts";
import {
  addDays,
  backfillYear,
  expectedKeys,
  historyApi,
  kstDate,
  rawDailyAggregates,
  runAnalysisNow,
} from "./support/history-stack.ts";

// Longest a cached answer may be served (HISTORY_CACHE_TTL_MS default) plus a second of slack.
const CACHE_TTL_MS = 61_000;

beforeAll(async () => {
  await backfillYear();
  await runAnalysisNow();
}, 180_000);

const COMBINATIONS: Array<[period: string, interval: string | undefined, expected: string]> = [
  ["1d", undefined, "5min"],
  ["1w", undefined, "hourly"],
  ["1m", undefined, "daily"],
  ["3m", undefined, "daily"],
  ["6m", undefined, "daily"],
  ["1y", undefined, "daily"],
  ["1d", "5min", "5min"],
  ["1d", "hourly", "hourly"],
  ["1d", "daily", "daily"],
  ["1w", "5min", "5min"],
  ["1w", "daily", "daily"],
  ["1m", "hourly", "hourly"],
  ["3m", "hourly", "hourly"],
];

describe("GET /api/v1/history after a 365-day backfill and live ingestions", () => {
  for (const [period, interval, expectedInterval] of COMBINATIONS) {
    test(`${period} ${interval ?? "(default)"}: one point per stored bucket of the window, in order`, async () => {
      const query = `/api/v1/history?target=USD&period=${period}${interval ? `&interval=${interval}` : ""}`;
      // A new ingestion may land between the answer and the check; the window may come from a cached
      // answer up to the TTL old. The answer must equal the stored buckets for one of those instants.
      await waitFor(
        `${query} to match the stored buckets`,
        async () => {
          const { status, body } = await historyApi(query);
          expect(status).toBe(200);
          const data = body.data;
          expect(data.interval).toBe(expectedInterval);
          const dates: string[] = data.results.map((r: { date: string }) => r.date);
          expect(data.data_points).toBe(dates.length);
          expect(data.statistics.data_points).toBe(dates.length);
          expect([...new Set(dates)].sort()).toEqual(dates);
          const at = new Date(body.timestamp);
          const candidates = [at, new Date(at.getTime() - CACHE_TTL_MS)].map((t) =>
            expectedKeys("USD", period, expectedInterval, t),
          );
          return candidates.some((keys) => keys.length > 0 && JSON.stringify(keys) === JSON.stringify(dates));
        },
        { timeoutMs: 20_000, intervalMs: 2000 },
      );
    });
  }

  test("1y daily points equal a direct aggregation of the raw rows (finished days)", async () => {
    const { body } = await historyApi("/api/v1/history?target=JPY&period=1y");
    const today = kstDate(new Date(body.timestamp));
    const expected = rawDailyAggregates("JPY", addDays(today, -364), addDays(today, -1));
    const finished = body.data.results.filter((r: { date: string }) => r.date < today);
    expect(finished.length).toBeGreaterThan(200);
    expect(finished.map((r: { date: string }) => r.date)).toEqual(expected.map((d) => d.date));
    finished.forEach((point: Record<string, number>, i: number) => {
      const day = expected[i];
      expect(point.open).toBeCloseTo(day?.open as number, 8);
      expect(point.high).toBeCloseTo(day?.high as number, 8);
      expect(point.low).toBeCloseTo(day?.low as number, 8);
      expect(point.close).toBeCloseTo(day?.close as number, 8);
      expect(point.rate).toBeCloseTo(day?.average as number, 7);
      expect(point.volume).toBe(day?.samples as number);
    });
  });

  test("a cross rate is the target's close over the base's close, day by day", async () => {
    const { body } = await historyApi("/api/v1/history?target=JPY&base=USD&period=1m");
    expect(body.data).toMatchObject({ base: "USD", target: "JPY", interval: "daily" });
    const today = kstDate(new Date(body.timestamp));
    const first = addDays(today, -29);
    const last = addDays(today, -1);
    const usd = new Map(rawDailyAggregates("USD", first, last).map((d) => [d.date, d]));
    const jpy = rawDailyAggregates("JPY", first, last).filter((d) => usd.has(d.date));
    const finished = body.data.results.filter((r: { date: string }) => r.date < today);
    expect(finished.map((r: { date: string }) => r.date)).toEqual(jpy.map((d) => d.date));
    finished.forEach((point: { close: number; open: number }, i: number) => {
      const day = jpy[i] as { date: string; close: number; open: number };
      const base = usd.get(day.date) as { close: number; open: number };
      expect(point.close).toBeCloseTo(day.close / base.close, 12);
      expect(point.open).toBeCloseTo(day.open / base.open, 12);
    });
  });
});

describe("GET /api/v1/history/stats and /compare on stored data", () => {
  test("stats: the contract's fields; indicators present for a year of daily closes", async () => {
    const { status, body } = await historyApi("/api/v1/history/stats?target=USD&period=1y");
    expect(status).toBe(200);
    const data = body.data;
    expect(data.currency_pair).toBe("KRW/USD");
    expect(data.current_rate).toBeGreaterThan(0);
    expect(data.statistics.period_min).toBeLessThanOrEqual(data.statistics.period_average);
    expect(data.statistics.period_average).toBeLessThanOrEqual(data.statistics.period_max);
    expect(["upward", "downward", "stable"]).toContain(data.statistics.trend_direction);
    for (const key of ["sma_20", "sma_50", "rsi_14", "bollinger_upper", "bollinger_lower"]) {
      expect(typeof data.technical_indicators[key]).toBe("number");
    }
    expect(data.technical_indicators.rsi_14).toBeGreaterThanOrEqual(0);
    expect(data.technical_indicators.rsi_14).toBeLessThanOrEqual(100);
    expect(data.monthly_breakdown.length).toBeGreaterThanOrEqual(12);
    expect(data.monthly_breakdown.map((m: { month: string }) => m.month)).toEqual(
      [...data.monthly_breakdown.map((m: { month: string }) => m.month)].sort(),
    );
  });

  test("compare: correlation is symmetric and within [−1, 1]; ranks cover the currencies", async () => {
    const one = await historyApi("/api/v1/history/compare?targets=USD,JPY,EUR&period=3m");
    const other = await historyApi("/api/v1/history/compare?targets=JPY,USD,EUR&period=3m");
    expect(one.status).toBe(200);
    const a = one.body.data.correlation_matrix;
    const b = other.body.data.correlation_matrix;
    expect(Object.keys(a)).toEqual(["USD_JPY", "USD_EUR", "JPY_EUR"]);
    expect(a.USD_JPY).toBeCloseTo(b.JPY_USD, 10);
    for (const r of Object.values(a) as number[]) {
      expect(r).toBeGreaterThanOrEqual(-1);
      expect(r).toBeLessThanOrEqual(1);
    }
    const ranks = one.body.data.currencies
      .map((c: { performance_rank: number }) => c.performance_rank)
      .sort();
    expect(ranks).toEqual([1, 2, 3]);
    const { best_performer, worst_performer } = one.body.data.portfolio_analysis;
    const byRank = Object.fromEntries(
      one.body.data.currencies.map((c: { performance_rank: number; currency: string }) => [
        c.performance_rank,
        c.currency,
      ]),
    );
    expect([best_performer, worst_performer]).toEqual([byRank[1], byRank[3]]);
  });
});

describe("invalid parameters on the running service are 400s, never 500", () => {
  const cases: Array<[string, string]> = [
    ["/api/v1/history?target=USD&period=2y", "INVALID_PERIOD"],
    ["/api/v1/history?target=USD&period=1m&interval=minutely", "INVALID_PERIOD"],
    ["/api/v1/history?target=USD&period=1y&interval=5min", "INVALID_PERIOD"],
    ["/api/v1/history?target=XYZ&period=1m", "INVALID_CURRENCY_CODE"],
    ["/api/v1/history/stats?target=USD&period=forever", "INVALID_PERIOD"],
    ["/api/v1/history/stats?target=ABC", "INVALID_CURRENCY_CODE"],
    ["/api/v1/history/compare?targets=USD,NOPE&period=1w", "INVALID_CURRENCY_CODE"],
    ["/api/v1/history/compare?targets=USD&period=1w", "DATA_VALIDATION_ERROR"],
  ];
  for (const [path, code] of cases) {
    test(`${path} → 400 ${code}`, async () => {
      const { status, body } = await historyApi(path);
      expect({ status, code: body.error?.code }).toEqual({ status: 400, code });
    });
  }
});
