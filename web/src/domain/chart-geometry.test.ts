import { describe, expect, test } from "bun:test";
import { linePath, nearestIndex, niceTicks, type PlotBox, valueRange, xAt, yAt } from "./chart-geometry.ts";

const box: PlotBox = { width: 200, height: 100, padding: { top: 0, right: 0, bottom: 0, left: 0 } };

describe("chart geometry", () => {
  test("the range covers every finite value and ignores gaps", () => {
    const range = valueRange([10, null, 20, Number.NaN]);
    expect(range?.min).toBeLessThan(10);
    expect(range?.max).toBeGreaterThan(20);
    expect(valueRange([null])).toBeUndefined();
  });

  test("a flat series still gets a non-empty range", () => {
    const range = valueRange([5, 5]);
    expect(range && range.max > range.min).toBe(true);
  });

  test("points are spread across the width, higher values drawn higher", () => {
    expect(xAt(0, 3, box)).toBe(0);
    expect(xAt(2, 3, box)).toBe(200);
    const range = { min: 0, max: 10 };
    expect(yAt(10, range, box)).toBe(0);
    expect(yAt(0, range, box)).toBe(100);
  });

  test("the path has one command per drawn point and breaks at gaps", () => {
    const path = linePath([1, 2, null, 4, 5], { min: 0, max: 5 }, box);
    expect(path.match(/[ML]/g)?.length).toBe(4);
    expect(path.match(/M/g)?.length).toBe(2);
  });

  test("hover picks the nearest point and stays inside the data", () => {
    expect(nearestIndex(101, 3, box)).toBe(1);
    expect(nearestIndex(-50, 3, box)).toBe(0);
    expect(nearestIndex(999, 3, box)).toBe(2);
  });

  test("ticks are round numbers inside the range", () => {
    expect(niceTicks({ min: 1381, max: 1412 }, 4)).toEqual([1390, 1400, 1410]);
    for (const t of niceTicks({ min: 0.051, max: 0.057 })) expect(t >= 0.051 && t <= 0.057).toBe(true);
  });
});
