import { describe, expect, test } from "bun:test";
import { quotesOf } from "../testing/fakes.ts";
import { cleanQuotes, parseProviderCode } from "./clean-quotes.ts";

const noHistory = { bandPercent: 10, lastRates: new Map<string, number>() };

describe("cleanQuotes", () => {
  test("keeps a plain quote as KRW per 1 unit with the catalog's quoting unit", () => {
    const { accepted, rejected } = cleanQuotes(quotesOf({ USD: 1392.4 }), noHistory);
    expect(accepted).toEqual([{ code: "USD", rate: 1392.4, tts: null, ttb: null, unit: 1 }]);
    expect(rejected).toEqual([]);
  });

  test("drops zero, negative, NaN and infinite rates as invalid values", () => {
    const quotes = quotesOf({ USD: 0, EUR: -1500, GBP: Number.NaN, CHF: Number.POSITIVE_INFINITY, AUD: 900 });
    const { accepted, rejected } = cleanQuotes(quotes, noHistory);
    expect(accepted.map((r) => r.code)).toEqual(["AUD"]);
    expect(rejected.map((r) => [r.providerCode, r.reason])).toEqual([
      ["USD", "invalid-value"],
      ["EUR", "invalid-value"],
      ["GBP", "invalid-value"],
      ["CHF", "invalid-value"],
    ]);
  });

  test("a rate that rounds to zero at 8 decimals is invalid too", () => {
    expect(cleanQuotes(quotesOf({ VND: 1e-12 }), noHistory).rejected[0]?.reason).toBe("invalid-value");
  });

  test("normalises per-100 quotes (JPY(100), IDR(100)) to per 1 unit, bank rates included", () => {
    const quotes = [
      { providerCode: "JPY(100)", krwPerQuotedUnit: 927.08, tts: 936.35, ttb: 917.81 },
      { providerCode: "IDR(100)", krwPerQuotedUnit: 8.7, tts: null, ttb: null },
    ];
    const { accepted } = cleanQuotes(quotes, noHistory);
    expect(accepted).toEqual([
      { code: "IDR", rate: 0.087, tts: null, ttb: null, unit: 100 },
      { code: "JPY", rate: 9.2708, tts: 9.3635, ttb: 9.1781, unit: 100 },
    ]);
  });

  test("JPY quoted per 1 unit stays per 1 unit but is labelled with its Korean quoting unit", () => {
    expect(cleanQuotes(quotesOf({ JPY: 9.27 }), noHistory).accepted[0]).toMatchObject({
      rate: 9.27,
      unit: 100,
    });
  });

  test("maps provider codes: Eximbank's CNH is stored as CNY", () => {
    expect(cleanQuotes(quotesOf({ CNH: 211.1 }), noHistory).accepted[0]?.code).toBe("CNY");
  });

  test("ignores KRW itself and currencies outside the catalog without counting them as rejected", () => {
    const { accepted, rejected, ignored } = cleanQuotes(
      quotesOf({ KRW: 1, ARS: 1.6, KWD: 4700, USD: 1400 }),
      noHistory,
    );
    expect(accepted.map((r) => r.code)).toEqual(["USD"]);
    expect(ignored).toEqual(["KRW", "ARS", "KWD"]);
    expect(rejected).toEqual([]);
  });

  test("keeps the first quote of a currency and rejects a second one as a duplicate", () => {
    const { accepted, rejected } = cleanQuotes(quotesOf({ CNY: 205, CNH: 211.1 }), noHistory);
    expect(accepted).toEqual([{ code: "CNY", rate: 205, tts: null, ttb: null, unit: 1 }]);
    expect(rejected).toEqual([{ providerCode: "CNH", reason: "duplicate", detail: "second CNY quote" }]);
  });

  test("rejects a move beyond the band against the last stored value, and names both values", () => {
    const lastRates = new Map([
      ["USD", 1400],
      ["EUR", 1500],
    ]);
    const { accepted, rejected } = cleanQuotes(quotesOf({ USD: 1540.1, EUR: 1349.9 }), {
      bandPercent: 10,
      lastRates,
    });
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(["jump", "jump"]);
    expect(rejected[0]?.detail).toContain("1400 → 1540.1");
  });

  test("accepts a move exactly at the band edge, and any move when there is no stored value", () => {
    const lastRates = new Map([["USD", 1400]]);
    const { accepted } = cleanQuotes(quotesOf({ USD: 1540, EUR: 99_999 }), { bandPercent: 10, lastRates });
    expect(accepted.map((r) => r.code)).toEqual(["EUR", "USD"]);
  });

  test("the band compares per-1-unit values, after per-100 normalisation", () => {
    const lastRates = new Map([["JPY", 9.27]]);
    const quotes = [{ providerCode: "JPY(100)", krwPerQuotedUnit: 930, tts: null, ttb: null }];
    expect(cleanQuotes(quotes, { bandPercent: 10, lastRates }).accepted[0]?.rate).toBe(9.3);
  });

  test("rounds to the 8 decimals the table stores; bank rates that are zero or negative become null", () => {
    const quotes = [{ providerCode: "VND", krwPerQuotedUnit: 1 / 17.8718916896, tts: 0, ttb: -3 }];
    expect(cleanQuotes(quotes, noHistory).accepted[0]).toEqual({
      code: "VND",
      rate: 0.05595379,
      tts: null,
      ttb: null,
      unit: 1,
    });
  });
});

describe("parseProviderCode", () => {
  test.each([
    ["USD", "USD", 1],
    ["JPY(100)", "JPY", 100],
    [" idr (100) ", "IDR", 100],
    ["CNH", "CNY", 1],
    ["", "", 1],
  ])("%p → %p per %p", (raw, code, quotedUnit) => {
    expect(parseProviderCode(raw)).toEqual({ code, quotedUnit });
  });
});
