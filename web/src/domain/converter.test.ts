import { describe, expect, test } from "bun:test";
import { amountForInput, displayRate, krwToLocal, localToKrw, parseAmount, roundTo } from "./converter.ts";

describe("parseAmount", () => {
  test("accepts grouped and decimal amounts", () => {
    expect(parseAmount("1,000.5")).toEqual({ kind: "amount", value: 1000.5 });
    expect(parseAmount(" 250 ")).toEqual({ kind: "amount", value: 250 });
    expect(parseAmount("0")).toEqual({ kind: "amount", value: 0 });
  });

  test("an empty field is empty, not zero", () => {
    expect(parseAmount("")).toEqual({ kind: "empty" });
  });

  test("negative or non-numeric input is invalid", () => {
    for (const text of ["-5", "abc", "1e5", "1.2.3", "."]) expect(parseAmount(text).kind).toBe("invalid");
  });
});

describe("conversion", () => {
  test("converts both ways at a per-unit rate", () => {
    expect(localToKrw(100, 1392.4)).toBeCloseTo(139240, 6);
    expect(krwToLocal(139240, 1392.4)).toBeCloseTo(100, 9);
  });

  test("yen is converted per 1 yen even though it is quoted per 100", () => {
    const ratePerYen = 9.1234;
    expect(displayRate(ratePerYen, 100)).toBeCloseTo(912.34, 9);
    expect(localToKrw(1000, ratePerYen)).toBeCloseTo(9123.4, 9);
  });

  test("rounds half away from zero", () => {
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.5, 0)).toBe(-3);
  });

  test("amounts go back into inputs grouped and at the currency's precision", () => {
    expect(amountForInput(139240.4, 0)).toBe("139,240");
    expect(amountForInput(71.8184, 2)).toBe("71.82");
    expect(amountForInput(5, 2)).toBe("5");
  });
});
