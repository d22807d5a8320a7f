import { describe, expect, test } from "bun:test";
import { closesToBars, testBar } from "../testing/test-bars.ts";
import { bollinger, rsi, sma } from "./indicators.ts";
import { statsReport } from "./stats-report.ts";

const now = new Date("2026-02-01T03:00:00Z");

describe("statsReport", () => {
  test("hand-computed statistics of three daily bars; indicators need more bars", () => {
    const bars = [
      testBar("2026-01-30", 100, 102, 99, 101, 100.5),
      testBar("2026-01-31", 101, 103, 100, 102, 101.5),
      testBar("2026-02-01", 102, 102, 98, 99, 100),
    ];
    const report = statsReport({ base: "KRW", target: "USD", period: "1w", bars, dailyBars: bars, now });
    expect(report.currency_pair).toBe("KRW/USD");
    expect(report.analysis_date).toBe("2026-02-01T03:00:00.000Z");
    expect(report.current_rate).toBe(99);
    expect(report.statistics).toEqual({
      period_average: 100.666666667,
      period_min: 98,
      period_max: 103,
      total_change: -1,
      total_change_percent: -1,
      volatility_index: Number((((1 / 101 + 3 / 102) / Math.SQRT2) * 100).toPrecision(12)),
      trend_direction: "downward",
      support_level: 97, // P = (103 + 98 + 99) / 3 = 100 → 2P − H
      resistance_level: 102, // 2P − L
    });
    expect(report.technical_indicators).toEqual({
      sma_20: null,
      sma_50: null,
      rsi_14: null,
      bollinger_upper: null,
      bollinger_lower: null,
    });
    expect(report.monthly_breakdown.map((m) => m.month)).toEqual(["2026-01", "2026-02"]);
  });

  test("indicators are the values at the last bar", () => {
    const closes = Array.from({ length: 60 }, (_, i) => 1300 + 10 * Math.sin(i / 3) + i);
    const bars = closesToBars(closes);
    const report = statsReport({ base: "KRW", target: "USD", period: "3m", bars, dailyBars: [], now });
    const bands = bollinger(closes);
    expect(report.technical_indicators.sma_20).toBeCloseTo(sma(closes, 20) as number, 6);
    expect(report.technical_indicators.sma_50).toBeCloseTo(sma(closes, 50) as number, 6);
    expect(report.technical_indicators.rsi_14).toBeCloseTo(rsi(closes, 14) as number, 6);
    expect(report.technical_indicators.bollinger_upper).toBeCloseTo(bands.upper as number, 6);
    expect(report.technical_indicators.bollinger_lower).toBeCloseTo(bands.lower as number, 6);
  });

  test("no data: every figure null", () => {
    const report = statsReport({ base: "USD", target: "JPY", period: "1d", bars: [], dailyBars: [], now });
    expect(report.currency_pair).toBe("USD/JPY");
    expect(report.current_rate).toBeNull();
    expect(Object.values(report.statistics).every((v) => v === null)).toBe(true);
    expect(report.monthly_breakdown).toEqual([]);
  });
});
