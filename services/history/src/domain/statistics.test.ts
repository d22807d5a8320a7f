import { describe, expect, test } from "bun:test";
import {
  leastSquaresSlope,
  maxOf,
  mean,
  minOf,
  percentChange,
  pivotLevels,
  populationStdDev,
  sampleStdDev,
  simpleReturns,
  trendOf,
  volatilityPercent,
} from "./statistics.ts";

describe("descriptive statistics", () => {
  test("mean, min and max; null for an empty series", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(minOf([3, 1, 2])).toBe(1);
    expect(maxOf([3, 1, 2])).toBe(3);
    expect([mean([]), minOf([]), maxOf([])]).toEqual([null, null, null]);
  });

  test("standard deviations: sample (n − 1) and population (n)", () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(populationStdDev(xs)).toBe(2);
    expect(sampleStdDev(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStdDev([5])).toBeNull();
    expect(populationStdDev([])).toBeNull();
  });

  test("returns and volatility in percent", () => {
    expect(simpleReturns([100, 110, 99]).map((r) => Number(r.toFixed(12)))).toEqual([0.1, -0.1]);
    expect(volatilityPercent([100, 110, 99])).toBeCloseTo(14.142135623731, 9);
    // two returns r1, r2: sample sd = |r1 − r2| / √2
    expect(volatilityPercent([100, 101, 100])).toBeCloseTo(((0.01 + 1 / 101) / Math.SQRT2) * 100, 12);
  });

  test("volatility of a flat series is 0; one or two points are too few", () => {
    expect(volatilityPercent([5, 5, 5, 5])).toBe(0);
    expect(volatilityPercent([5])).toBeNull();
    expect(volatilityPercent([5, 6])).toBeNull();
  });

  test("least-squares slope", () => {
    expect(leastSquaresSlope([1, 3, 5, 7])).toBe(2);
    expect(leastSquaresSlope([2, 2, 2])).toBe(0);
    expect(leastSquaresSlope([1, 2, 1, 2])).toBeCloseTo(0.2, 12);
    expect(leastSquaresSlope([5])).toBeNull();
  });

  test("trend: fitted move against the 0.5% threshold", () => {
    expect(trendOf([100, 101, 102])).toBe("upward"); // fitted +2 on a mean of 101: 1.98%
    expect(trendOf([102, 101, 100])).toBe("downward");
    expect(trendOf([100, 100.2, 100.4])).toBe("stable"); // +0.4 on 100.2: 0.399%
    expect(trendOf([100, 100.3, 100.6])).toBe("upward"); // +0.6 on 100.3: 0.598%
    expect(trendOf([7, 7, 7])).toBe("stable");
    expect(trendOf([7])).toBeNull();
  });

  test("pivot support and resistance", () => {
    expect(pivotLevels(110, 90, 100)).toEqual({ support: 90, resistance: 110 });
    const levels = pivotLevels(12, 8, 11);
    expect(levels.support).toBeCloseTo(26 / 3, 12);
    expect(levels.resistance).toBeCloseTo(38 / 3, 12);
    expect(pivotLevels(null, 8, 11)).toEqual({ support: null, resistance: null });
  });

  test("percent change", () => {
    expect(percentChange(200, 210)).toBe(5);
    expect(percentChange(0, 210)).toBeNull();
    expect(percentChange(null, 1)).toBeNull();
  });
});
