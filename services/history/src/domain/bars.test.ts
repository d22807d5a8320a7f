import { describe, expect, test } from "bun:test";
import { type Bar, crossBars, HOME } from "./bars.ts";

const bar = (
  key: string,
  open: number,
  high: number,
  low: number,
  close: number,
  average = open,
  samples = 3,
): Bar => ({
  key,
  open,
  high,
  low,
  close,
  average,
  samples,
});

describe("crossBars", () => {
  test("against KRW the target's own bars are the answer", () => {
    const usd = [bar("2026-11-27", 1390, 1400, 1380, 1395)];
    expect(crossBars(usd, HOME)).toEqual(usd);
  });

  test("KRW priced in a foreign currency is the exact inverse (high from the low)", () => {
    const [usd] = crossBars(HOME, [bar("d", 1250, 2000, 1000, 1600, 1250, 4)]);
    expect(usd).toEqual({
      key: "d",
      open: 0.0008,
      high: 0.001,
      low: 0.0005,
      close: 0.000625,
      average: 0.0008,
      samples: 4,
    });
  });

  test("two foreign currencies: buckets both have, component-wise ratios, high/low span them", () => {
    const usd = [bar("a", 1400, 1410, 1390, 1405, 1400, 5), bar("b", 1405, 1420, 1400, 1410, 1410, 5)];
    const jpy = [bar("a", 9.5, 9.6, 9.4, 9.55, 9.5, 4), bar("c", 9.6, 9.6, 9.6, 9.6, 9.6, 1)];
    const cross = crossBars(jpy, usd);
    expect(cross).toHaveLength(1); // "b" and "c" exist on one side only: dropped, never interpolated
    const [a] = cross;
    expect(a?.key).toBe("a");
    expect(a?.open).toBeCloseTo(9.5 / 1400, 12);
    expect(a?.close).toBeCloseTo(9.55 / 1405, 12);
    expect(a?.average).toBeCloseTo(9.5 / 1400, 12);
    expect(a?.high).toBeCloseTo(Math.max(9.5 / 1400, 9.55 / 1405, 9.6 / 1410, 9.4 / 1390), 12);
    expect(a?.low).toBeCloseTo(Math.min(9.5 / 1400, 9.55 / 1405, 9.6 / 1410, 9.4 / 1390), 12);
    expect(a?.samples).toBe(4);
    expect(a && a.low <= Math.min(a.open, a.close) && a.high >= Math.max(a.open, a.close)).toBe(true);
  });

  test("KRW against KRW has no bars", () => {
    expect(crossBars(HOME, HOME)).toEqual([]);
  });
});
