import { describe, expect, test } from "bun:test";
import { rebaseSeries } from "./rebased-series.ts";

describe("rebaseSeries", () => {
  test("every series starts at 100 and moves by its own percentage", () => {
    const { series } = rebaseSeries([
      {
        key: "USD",
        points: [
          { date: "2026-01-01", rate: 1400 },
          { date: "2026-01-02", rate: 1428 },
        ],
      },
      {
        key: "VND",
        points: [
          { date: "2026-01-01", rate: 0.05 },
          { date: "2026-01-02", rate: 0.049 },
        ],
      },
    ]);
    expect(series[0]?.values[0]).toBe(100);
    expect(series[0]?.values[1]).toBeCloseTo(102, 9);
    expect(series[1]?.values[1]).toBeCloseTo(98, 9);
  });

  test("dates are the sorted union and a missing sample is a gap, not a guess", () => {
    const { dates, series } = rebaseSeries([
      {
        key: "A",
        points: [
          { date: "2026-01-02", rate: 2 },
          { date: "2026-01-03", rate: 4 },
        ],
      },
      {
        key: "B",
        points: [
          { date: "2026-01-01", rate: 1 },
          { date: "2026-01-03", rate: 1 },
        ],
      },
    ]);
    expect(dates).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    expect(series[0]?.values).toEqual([null, 100, 200]);
    expect(series[1]?.values).toEqual([100, null, 100]);
  });

  test("a series without any usable rate stays empty", () => {
    const { series } = rebaseSeries([{ key: "X", points: [{ date: "d", rate: null }] }]);
    expect(series[0]?.values).toEqual([null]);
  });
});
