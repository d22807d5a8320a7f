import { describe, expect, test } from "bun:test";
import { bollinger, rsi, sma } from "./indicators.ts";

describe("sma", () => {
  test("mean of the last n closes; null while shorter than n", () => {
    expect(sma([1, 2, 3, 4, 5], 3)).toBe(4);
    expect(sma([1, 2], 3)).toBeNull();
  });
});

describe("rsi (Wilder)", () => {
  test("hand-computed with n = 2: seed averages, then smoothing", () => {
    // changes +1, −0.5, +1, −0.5 → seed gain 0.5 / loss 0.25 → 0.75 / 0.125 → 0.375 / 0.3125 → RS 1.2
    expect(rsi([1, 2, 1.5, 2.5, 2], 2)).toBeCloseTo(100 - 100 / 2.2, 10);
  });

  test("hand-computed with n = 14", () => {
    const closes = [100];
    for (let i = 0; i < 14; i++) closes.push((closes.at(-1) as number) + (i % 2 === 0 ? 2 : -1));
    expect(rsi(closes, 14)).toBeCloseTo(100 - 100 / 3, 10); // gains 1.0, losses 0.5 → RS 2
    closes.push((closes.at(-1) as number) + 2); // gain (13 + 2) / 14, loss 6.5 / 14 → RS 30 / 13
    expect(rsi(closes, 14)).toBeCloseTo(100 - 100 / (1 + 30 / 13), 10);
  });

  test("100 when nothing fell; null when nothing moved or too few closes", () => {
    expect(rsi(Array.from({ length: 15 }, (_, i) => 10 + i))).toBe(100);
    expect(rsi(Array.from({ length: 15 }, () => 10))).toBeNull();
    expect(rsi(Array.from({ length: 14 }, (_, i) => 10 + i))).toBeNull();
  });

  test("0 when nothing rose", () => {
    expect(rsi(Array.from({ length: 15 }, (_, i) => 30 - i))).toBe(0);
  });
});

describe("bollinger (20, 2σ)", () => {
  test("SMA ± 2 population standard deviations of the last 20", () => {
    const closes = Array.from({ length: 20 }, (_, i) => i + 1);
    const sd = Math.sqrt(399 / 12);
    const bands = bollinger(closes);
    expect(bands.upper).toBeCloseTo(10.5 + 2 * sd, 10);
    expect(bands.lower).toBeCloseTo(10.5 - 2 * sd, 10);
  });

  test("only the last 20 closes count", () => {
    expect(bollinger([1000, ...Array.from({ length: 20 }, () => 5)])).toEqual({ upper: 5, lower: 5 });
  });

  test("null with fewer than 20 closes", () => {
    expect(bollinger([1, 2, 3])).toEqual({ upper: null, lower: null });
  });
});
