import { describe, expect, test } from "bun:test";
import { quote } from "../testing/quotes.ts";
import { convert } from "./conversion.ts";
import { emptyRateBook, mergeQuotes } from "./rate-book.ts";

const book = mergeQuotes(emptyRateBook, [
  quote("USD", 1392.4),
  quote("JPY", 9.2345, { observedAt: new Date("2026-11-27T02:00:00Z") }),
]);

describe("convert", () => {
  test("USD → KRW: whole won", () => {
    expect(convert(book, "USD", "KRW", 100)).toEqual({
      from: "USD",
      to: "KRW",
      amount: 100,
      result: 139_240,
      rate: 1392.4,
      last_updated: "2026-11-27T03:00:00.000Z",
    });
  });
  test("USD → JPY goes through KRW; the result uses the unrounded rate and JPY has no decimals", () => {
    const c = convert(book, "USD", "JPY", 100);
    expect(c.rate).toBe(150.78239212);
    expect(c.result).toBe(15_078);
    expect(c.last_updated).toBe("2026-11-27T02:00:00.000Z");
  });
  test("KRW → USD rounds to cents, half away from zero", () => {
    expect(convert(book, "KRW", "USD", 50_000).result).toBe(35.91);
    expect(convert(book, "KRW", "USD", 0).result).toBe(0);
  });
  test("the same currency on both sides is the identity and needs no rate", () => {
    expect(convert(emptyRateBook, "THB", "THB", 12.345)).toMatchObject({
      rate: 1,
      result: 12.35,
      last_updated: null,
    });
  });
  test("a currency without a rate is NOT_FOUND", () => {
    expect(() => convert(book, "USD", "THB", 1)).toThrow("THB");
  });
});
