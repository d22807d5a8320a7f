import { describe, expect, test } from "bun:test";
import type { Bar } from "./bars.ts";
import { correlationMatrix, pearson, returnCorrelation } from "./correlation.ts";

const bars = (closes: Record<string, number>): Bar[] =>
  Object.entries(closes).map(([key, close]) => ({
    key,
    open: close,
    high: close,
    low: close,
    close,
    average: close,
    samples: 1,
  }));

describe("pearson", () => {
  test("hand-computed values", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });

  test("symmetric and within [−1, 1]", () => {
    const a = [0.3, -1.2, 2.5, 0.1, -0.4, 1.9, -2.2];
    const b = [1.1, 0.4, -0.3, 2.2, -1.5, 0.2, 0.9];
    const ab = pearson(a, b);
    expect(ab).toBe(pearson(b, a) as number);
    expect(ab as number).toBeGreaterThanOrEqual(-1);
    expect(ab as number).toBeLessThanOrEqual(1);
  });

  test("null with fewer than three pairs or a series that does not vary", () => {
    expect(pearson([1, 2], [2, 4])).toBeNull();
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
  });
});

describe("returnCorrelation", () => {
  test("only buckets both series have are paired", () => {
    const usd = bars({ d1: 100, d2: 110, d3: 99, d4: 104, d5: 101 });
    const jpy = bars({ d1: 10, d2: 11, d4: 10.4, d5: 10.1 }); // no d3
    // shared d1 d2 d4 d5 → USD returns 0.1, −0.0545.., −0.0288..; JPY 0.1, −0.0545.., −0.0288..
    expect(returnCorrelation(usd, jpy)).toBeCloseTo(1, 12);
  });

  test("symmetric", () => {
    const usd = bars({ d1: 100, d2: 101, d3: 99, d4: 104, d5: 103 });
    const eur = bars({ d1: 150, d2: 149, d3: 152, d4: 151, d5: 155 });
    expect(returnCorrelation(usd, eur)).toBe(returnCorrelation(eur, usd) as number);
  });
});

describe("correlationMatrix", () => {
  test("every pair once, keyed A_B in the given order", () => {
    const up = bars({ d1: 1, d2: 2, d3: 4, d4: 5 });
    const down = bars({ d1: 5, d2: 4, d3: 2, d4: 1.9 });
    const matrix = correlationMatrix([
      ["USD", up],
      ["JPY", up],
      ["EUR", down],
    ]);
    expect(Object.keys(matrix)).toEqual(["USD_JPY", "USD_EUR", "JPY_EUR"]);
    expect(matrix.USD_JPY).toBeCloseTo(1, 12);
    expect(matrix.USD_EUR as number).toBeLessThan(0);
    expect(matrix.USD_EUR).toBe(matrix.JPY_EUR as number);
  });
});
