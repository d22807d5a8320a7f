import { describe, expect, test } from "bun:test";
import { closesToBars } from "../testing/test-bars.ts";
import { compareReport, performanceRanks } from "./compare-report.ts";

describe("performanceRanks", () => {
  test("highest change first, ties share a rank, missing values have none", () => {
    expect(performanceRanks([1.5, null, 3, 1.5])).toEqual([2, null, 1, 2]);
    expect(performanceRanks([-1, -2])).toEqual([1, 2]);
  });
});

describe("compareReport", () => {
  const now = new Date("2026-11-27T03:00:00Z");

  test("change, volatility, ranks, correlations and the portfolio view", () => {
    const report = compareReport({
      base: "KRW",
      period: "1w",
      now,
      series: [
        ["USD", closesToBars([100, 101, 102, 103])],
        ["JPY", closesToBars([10, 10.5, 10, 10.5])],
        ["EUR", closesToBars([200, 198, 196, 194])],
      ],
    });
    expect(report.comparison_date).toBe("2026-11-27T03:00:00.000Z");
    expect(
      report.currencies.map((c) => [c.currency, c.current_rate, c.period_change_percent, c.performance_rank]),
    ).toEqual([
      ["USD", 103, 3, 2],
      ["JPY", 10.5, 5, 1],
      ["EUR", 194, -3, 3],
    ]);
    expect(Object.keys(report.correlation_matrix)).toEqual(["USD_JPY", "USD_EUR", "JPY_EUR"]);
    for (const r of Object.values(report.correlation_matrix)) {
      expect(r === null || (r >= -1 && r <= 1)).toBe(true);
    }
    expect(report.portfolio_analysis).toEqual({
      best_performer: "JPY",
      worst_performer: "EUR",
      most_volatile: "JPY",
      least_volatile: "USD", // returns 1/100, 1/101, 1/102 vary less than EUR's −2/200, −2/198, −2/196
    });
  });

  test("a currency without data has null figures and no rank", () => {
    const report = compareReport({
      base: "KRW",
      period: "1d",
      now,
      series: [
        ["USD", closesToBars([100, 101])],
        ["THB", []],
      ],
    });
    expect(report.currencies[1]).toEqual({
      currency: "THB",
      current_rate: null,
      period_change_percent: null,
      volatility: null,
      performance_rank: null,
    });
    expect(report.correlation_matrix).toEqual({ USD_THB: null });
    expect(report.portfolio_analysis).toEqual({
      best_performer: "USD",
      worst_performer: "USD",
      most_volatile: null,
      least_volatile: null,
    });
  });
});
