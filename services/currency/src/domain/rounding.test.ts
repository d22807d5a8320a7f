import { describe, expect, test } from "bun:test";
import { roundDecimals, roundRate, roundSignificant } from "./rounding.ts";

describe("rounding", () => {
  test("rates keep 8 significant digits and lose binary noise", () => {
    expect(roundSignificant(1392.4, 8)).toBe(1392.4);
    expect(roundSignificant(0.1 + 0.2, 8)).toBe(0.3);
    expect(roundSignificant(9.5 / 1400, 8)).toBe(0.0067857143);
    expect(roundSignificant(0, 8)).toBe(0);
  });
  test("amounts round half away from zero, including values floats store just below the half", () => {
    expect(roundDecimals(1.005, 2)).toBe(1.01);
    expect(roundDecimals(2.5, 0)).toBe(3);
    expect(roundDecimals(-2.5, 0)).toBe(-3);
    expect(roundDecimals(139_240.4999, 0)).toBe(139_240);
  });
  test("API rates: a stored DECIMAL(20,8) KRW rate comes back exactly; small cross rates keep 8 significant digits", () => {
    expect(roundRate(1395.31178032)).toBe(1395.31178032);
    expect(roundRate(1400 / 9.5)).toBe(147.36842105);
    expect(roundRate(0.0524429)).toBe(0.0524429);
    expect(roundRate(0.0851 / 1400)).toBe(0.000060785714);
  });
});
