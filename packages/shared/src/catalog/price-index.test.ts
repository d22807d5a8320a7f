import { describe, expect, test } from "bun:test";
import { bigMacPriceFor } from "./big-mac.ts";
import { computePriceIndex } from "./price-index.ts";

const seoul = { currencyCode: "KRW", localPrice: 5500 };
const tokyo = { currencyCode: "JPY", localPrice: 480 };
const newYork = { currencyCode: "USD", localPrice: 6.12 };

describe("computePriceIndex", () => {
  test("against Korea: 480 JPY at 9.5 KRW/JPY = 4560 won, 100 × 4560 / 5500 = 82.91", () => {
    expect(computePriceIndex({ country: tokyo, base: seoul, ratesKrwPerUnit: { JPY: 9.5 } })).toEqual({
      bigmacPriceLocal: 480,
      bigmacPriceKrw: 4560,
      baseBigmacPriceKrw: 5500,
      bigmacIndex: 82.91,
      compositeIndex: 82.91,
    });
  });

  test("between two foreign countries: 4560 won vs 6.12 USD × 1400 = 8568 won → 53.22", () => {
    const result = computePriceIndex({
      country: tokyo,
      base: newYork,
      ratesKrwPerUnit: { JPY: 9.5, USD: 1400 },
    });
    expect(result).toMatchObject({ bigmacPriceKrw: 4560, baseBigmacPriceKrw: 8568, bigmacIndex: 53.22 });
  });

  test("KRW prices round to whole won, the index uses unrounded prices", () => {
    // 6.12 × 1469.85 = 8995.482 → 8995 won; 100 × 8995.482 / 5500 = 163.5542… → 163.55
    const result = computePriceIndex({ country: newYork, base: seoul, ratesKrwPerUnit: { USD: 1469.85 } });
    expect(result).toMatchObject({ bigmacPriceKrw: 8995, bigmacIndex: 163.55, compositeIndex: 163.55 });
  });

  test("the base compared with itself is 100", () => {
    expect(computePriceIndex({ country: seoul, base: seoul, ratesKrwPerUnit: {} })?.bigmacIndex).toBe(100);
  });

  test("a missing or non-positive rate gives no index", () => {
    expect(computePriceIndex({ country: tokyo, base: seoul, ratesKrwPerUnit: {} })).toBeUndefined();
    expect(computePriceIndex({ country: tokyo, base: seoul, ratesKrwPerUnit: { JPY: 0 } })).toBeUndefined();
    expect(
      computePriceIndex({ country: tokyo, base: seoul, ratesKrwPerUnit: { JPY: Number.NaN } }),
    ).toBeUndefined();
  });

  test("works on the shipped data: Japan vs Korea at the survey-date cross rate", () => {
    const japan = bigMacPriceFor("JP");
    const korea = bigMacPriceFor("KR");
    if (japan === undefined || korea === undefined) throw new Error("Big Mac data lacks JP or KR");
    const jpyRate = korea.dollarEx / japan.dollarEx; // 1469.85 / 158.545 = 9.27087… KRW per JPY
    const result = computePriceIndex({ country: japan, base: korea, ratesKrwPerUnit: { JPY: jpyRate } });
    // 480 × 9.27087… = 4450.02 won; 100 × 4450.02 / 5500 = 80.91
    expect(result).toMatchObject({ bigmacPriceKrw: 4450, baseBigmacPriceKrw: 5500, bigmacIndex: 80.91 });
  });
});
