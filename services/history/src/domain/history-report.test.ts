import { describe, expect, test } from "bun:test";
import { testBar } from "../testing/test-bars.ts";
import { historyReport, seriesSummary } from "./history-report.ts";

describe("historyReport", () => {
  const bars = [
    testBar("2026-01-30", 100, 102, 99, 101, 100.5, 720),
    testBar("2026-01-31", 101, 103, 100, 102, 101.5, 718),
    testBar("2026-02-01", 102, 102, 98, 99, 100, 3),
  ];

  test("points carry OHLC, the bucket mean as rate, samples as volume, change against the previous close", () => {
    const report = historyReport({ base: "KRW", target: "USD", period: "1w", interval: "daily", bars });
    expect(report.data_points).toBe(3);
    expect(report.results[0]).toEqual({
      date: "2026-01-30",
      rate: 100.5,
      open: 100,
      high: 102,
      low: 99,
      close: 101,
      change: null,
      change_percent: null,
      volume: 720,
    });
    expect(report.results[1]).toMatchObject({ change: 1, change_percent: 0.990099009901, volume: 718 });
    expect(report.results[2]).toMatchObject({ change: -3, change_percent: -2.94117647059 });
  });

  test("statistics: mean of rates, lowest low, highest high, return volatility, fitted trend", () => {
    expect(seriesSummary(bars)).toEqual({
      average: 100.666666667,
      min: 98,
      max: 103,
      volatility: Number((((1 / 101 + 3 / 102) / Math.SQRT2) * 100).toPrecision(12)),
      trend: "downward",
      data_points: 3,
    });
  });

  test("a single point has its own figures and no volatility or trend", () => {
    expect(seriesSummary([testBar("2026-01-30", 100, 102, 99, 101, 100.5)])).toEqual({
      average: 100.5,
      min: 99,
      max: 102,
      volatility: null,
      trend: null,
      data_points: 1,
    });
  });

  test("no data: empty results and null figures, never a placeholder", () => {
    const report = historyReport({ base: "KRW", target: "USD", period: "1d", interval: "5min", bars: [] });
    expect(report.results).toEqual([]);
    expect(report.statistics).toEqual({
      average: null,
      min: null,
      max: null,
      volatility: null,
      trend: null,
      data_points: 0,
    });
  });

  test("a flat series is stable with zero volatility", () => {
    const flat = [1, 2, 3, 4].map((i) => testBar(`d${i}`, 9, 9, 9, 9, 9));
    expect(seriesSummary(flat)).toMatchObject({ volatility: 0, trend: "stable", min: 9, max: 9, average: 9 });
  });
});
