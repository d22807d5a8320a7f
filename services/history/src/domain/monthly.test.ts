import { describe, expect, test } from "bun:test";
import { testBar } from "../testing/test-bars.ts";
import { monthlyBreakdown } from "./monthly.ts";

describe("monthlyBreakdown", () => {
  test("groups KST days by month, in order", () => {
    const months = monthlyBreakdown([
      testBar("2026-01-30", 100, 102, 99, 101, 100.5),
      testBar("2026-01-31", 101, 103, 100, 102, 101.5),
      testBar("2026-02-01", 102, 102, 98, 99, 100),
      testBar("2026-02-02", 99, 100, 97, 98, 99),
      testBar("2026-02-03", 98, 99, 96, 99, 98),
    ]);
    expect(months.map((m) => m.month)).toEqual(["2026-01", "2026-02"]);
    expect(months[0]).toEqual({
      month: "2026-01",
      average: 101,
      min: 99,
      max: 103,
      change_percent: 2,
      volatility: null, // two closes: one return
    });
    // Feb: closes 99, 98, 99 → returns −1/99, +1/98; first open 102 → last close 99
    const r1 = 98 / 99 - 1;
    const r2 = 99 / 98 - 1;
    expect(months[1]?.average).toBe(99);
    expect(months[1]?.min).toBe(96);
    expect(months[1]?.max).toBe(102);
    expect(months[1]?.change_percent).toBeCloseTo(((99 - 102) / 102) * 100, 9);
    expect(months[1]?.volatility).toBeCloseTo((Math.abs(r1 - r2) / Math.SQRT2) * 100, 9);
  });

  test("no days, no months", () => {
    expect(monthlyBreakdown([])).toEqual([]);
  });
});
