import { describe, expect, test } from "bun:test";
import { isAppError } from "@trip/shared";
import { quote } from "../testing/quotes.ts";
import { latestRates } from "./latest-rates.ts";
import { emptyRateBook, mergeQuotes } from "./rate-book.ts";

const book = mergeQuotes(emptyRateBook, [
  quote("USD", 1400),
  quote("JPY", 9.5),
  quote("EUR", 1500, { observedAt: new Date("2026-11-27T02:58:00Z") }),
]);

const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return isAppError(err) ? err.code : "not an AppError";
  }
  return "no error";
};

describe("latestRates", () => {
  test("base KRW gives KRW per 1 unit, per 1 JPY even though JPY is quoted per 100", () => {
    expect(latestRates(book, "KRW", ["USD", "JPY"]).rates).toEqual({ USD: 1400, JPY: 9.5 });
  });
  test("cross rates: rates[X] is the price of 1 X in the base", () => {
    const usd = latestRates(book, "USD", ["JPY", "EUR", "KRW"]);
    expect(usd.rates.JPY).toBe(0.0067857143);
    expect(usd.rates.EUR).toBe(1.07142857);
    expect(usd.rates.KRW).toBe(0.00071428571);
  });
  test("the base itself is 1 when asked for, and left out by default", () => {
    expect(latestRates(book, "USD", ["USD"]).rates).toEqual({ USD: 1 });
    expect(Object.keys(latestRates(book, "USD", undefined).rates)).toEqual(["KRW", "JPY", "EUR"]);
  });
  test("default symbols are every currency with a rate, in catalog order", () => {
    expect(Object.keys(latestRates(book, "KRW", undefined).rates)).toEqual(["USD", "JPY", "EUR"]);
  });
  test("last_updated and timestamp are the oldest observation shown, never fresher than the data", () => {
    const all = latestRates(book, "KRW", undefined);
    expect(all.last_updated).toBe("2026-11-27T02:58:00.000Z");
    expect(all.timestamp).toBe(Date.parse("2026-11-27T02:58:00Z") / 1000);
    expect(latestRates(book, "KRW", ["USD"]).last_updated).toBe("2026-11-27T03:00:00.000Z");
  });
  test("source is database as soon as one quote came from the database", () => {
    const mixed = mergeQuotes(book, [quote("CNY", 190, { origin: "database" })]);
    expect(latestRates(mixed, "KRW", ["USD"])).toMatchObject({ source: "cache", cache_hit: true });
    expect(latestRates(mixed, "KRW", ["USD", "CNY"])).toMatchObject({ source: "database", cache_hit: false });
  });
  test("a currency without a rate yet, or an empty book, is NOT_FOUND", () => {
    expect(errorCode(() => latestRates(book, "KRW", ["THB"]))).toBe("NOT_FOUND");
    expect(errorCode(() => latestRates(book, "THB", undefined))).toBe("NOT_FOUND");
    expect(errorCode(() => latestRates(emptyRateBook, "KRW", undefined))).toBe("NOT_FOUND");
  });
});
