import { describe, expect, test } from "bun:test";
import { percentagesOf } from "./percentages.ts";

const sumOf = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

describe("percentagesOf", () => {
  test("thirds add up to exactly 100 and the extra hundredth goes to the first", () => {
    expect(percentagesOf([1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
  });

  test("shares of awkward totals always sum to 100.00", () => {
    for (const scores of [
      [7, 3, 1],
      [999, 1, 1, 1],
      [5, 5, 5, 5, 5, 5, 1],
      Array.from({ length: 20 }, (_, i) => 250 - i * 3),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    ])
      expect(sumOf(percentagesOf(scores))).toBe(100);
  });

  test("each share is within a hundredth of the exact share", () => {
    const scores = [13, 7, 5, 2];
    const total = 27;
    percentagesOf(scores).forEach((p, i) => {
      expect(Math.abs(p - ((scores[i] as number) * 100) / total)).toBeLessThan(0.01 + 1e-9);
    });
  });

  test("a single country has 100% and no selections give 0s", () => {
    expect(percentagesOf([42])).toEqual([100]);
    expect(percentagesOf([0, 0])).toEqual([0, 0]);
    expect(percentagesOf([])).toEqual([]);
  });
});
