import { describe, expect, test } from "bun:test";
import type { CompareData } from "../domain/compare-report.ts";
import type { StatsData } from "../domain/stats-report.ts";
import { buildTestApp, getData, must, samplesOf } from "../testing/test-app.ts";

const NOW = "2026-11-27T03:00:00Z"; // 12:00 KST
const TWO_MIN = 120_000;
const usd = samplesOf("USD", NOW, 1440, TWO_MIN, (i) => 1400 + i * 0.01);
const jpy = samplesOf("JPY", NOW, 1440, TWO_MIN, (i) => 9.4 + (i % 7) * 0.01);

describe("GET /api/v1/history/stats", () => {
  test("the contract's shape, figures from the stored samples", async () => {
    const { app } = buildTestApp({ now: NOW, samples: usd });
    const { status, body } = await getData<StatsData>(app, "/api/v1/history/stats?target=USD&period=1d");
    expect(status).toBe(200);
    const data = body.data;
    expect(Object.keys(data).sort()).toEqual(
      [
        "analysis_date",
        "currency_pair",
        "current_rate",
        "monthly_breakdown",
        "period",
        "statistics",
        "technical_indicators",
      ].sort(),
    );
    expect(data).toMatchObject({
      currency_pair: "KRW/USD",
      period: "1d",
      analysis_date: "2026-11-27T03:00:00.000Z",
    });
    expect(data.current_rate).toBeCloseTo(1414.39, 9);
    expect(Object.keys(data.statistics).sort()).toEqual(
      [
        "period_average",
        "period_max",
        "period_min",
        "resistance_level",
        "support_level",
        "total_change",
        "total_change_percent",
        "trend_direction",
        "volatility_index",
      ].sort(),
    );
    expect(data.statistics.trend_direction).toBe("upward");
    expect(must(data.statistics.support_level)).toBeLessThan(must(data.statistics.resistance_level));
    expect(Object.keys(data.technical_indicators).sort()).toEqual([
      "bollinger_lower",
      "bollinger_upper",
      "rsi_14",
      "sma_20",
      "sma_50",
    ]);
    expect(data.technical_indicators.rsi_14).toBe(100); // only rises
    expect(must(data.technical_indicators.bollinger_upper)).toBeGreaterThan(
      must(data.technical_indicators.bollinger_lower),
    );
    expect(data.monthly_breakdown).toHaveLength(1);
    expect(Object.keys(must(data.monthly_breakdown[0])).sort()).toEqual([
      "average",
      "change_percent",
      "max",
      "min",
      "month",
      "volatility",
    ]);
    expect(must(data.monthly_breakdown[0]).month).toBe("2026-11");
  });
});

describe("GET /api/v1/history/compare", () => {
  test("the contract's shape: currencies ranked, correlation per pair, portfolio view", async () => {
    const { app } = buildTestApp({ now: NOW, samples: [...usd, ...jpy] });
    const { status, body } = await getData<CompareData>(
      app,
      "/api/v1/history/compare?targets=USD,JPY&period=1d",
    );
    expect(status).toBe(200);
    const data = body.data;
    expect(Object.keys(data).sort()).toEqual([
      "base",
      "comparison_date",
      "correlation_matrix",
      "currencies",
      "period",
      "portfolio_analysis",
    ]);
    expect(data.currencies.map((c: { currency: string }) => c.currency)).toEqual(["USD", "JPY"]);
    expect(Object.keys(must(data.currencies[0])).sort()).toEqual(
      ["currency", "current_rate", "performance_rank", "period_change_percent", "volatility"].sort(),
    );
    expect(data.currencies.map((c) => c.performance_rank).sort()).toEqual([1, 2]);
    expect(Object.keys(data.correlation_matrix)).toEqual(["USD_JPY"]);
    const r = data.correlation_matrix.USD_JPY;
    expect(r).toBeGreaterThanOrEqual(-1);
    expect(r).toBeLessThanOrEqual(1);
    expect(Object.keys(data.portfolio_analysis).sort()).toEqual([
      "best_performer",
      "least_volatile",
      "most_volatile",
      "worst_performer",
    ]);
    expect(data.portfolio_analysis.best_performer).toBe("USD");
  });
});
