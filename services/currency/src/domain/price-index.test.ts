import { describe, expect, test } from "bun:test";
import { bigMacPriceFor, type Country, getCountry } from "@trip/shared";
import { quote } from "../testing/quotes.ts";
import { priceIndexCurrencies, priceIndexReport } from "./price-index.ts";
import { emptyRateBook, mergeQuotes } from "./rate-book.ts";

const country = (code: string) => getCountry(code) as Country;
const book = mergeQuotes(emptyRateBook, [quote("JPY", 9.5), quote("EUR", 1500), quote("USD", 1400)]);

describe("priceIndexReport", () => {
  test("Japan against Korea: Big Mac prices converted at today's rate, index relative to the base", () => {
    const jp = bigMacPriceFor("JP");
    const kr = bigMacPriceFor("KR");
    if (!jp || !kr) throw new Error("Big Mac data lacks JP or KR");
    const report = priceIndexReport(book, country("JP"), country("KR"));
    const expectedIndex = Math.round(((100 * jp.localPrice * 9.5) / kr.localPrice) * 100) / 100;
    expect(report).toMatchObject({
      country_code: "JP",
      country_name: "일본",
      base_country: "KR",
      price_data: {
        bigmac_price_local: jp.localPrice,
        bigmac_price_krw: Math.round(jp.localPrice * 9.5),
        base_bigmac_price_krw: kr.localPrice,
      },
      indices: { bigmac_index: expectedIndex, composite_index: expectedIndex },
      last_updated: "2026-11-27T03:00:00.000Z",
    });
  });
  test("a euro country uses the EUR rate; a foreign base works too", () => {
    expect(priceIndexCurrencies(country("FR"), country("US"))).toEqual(["EUR", "USD"]);
    expect(priceIndexReport(book, country("FR"), country("US")).base_country).toBe("US");
  });
  test("a country the Big Mac data does not cover is NOT_FOUND", () => {
    expect(bigMacPriceFor("GU")).toBeUndefined();
    expect(() => priceIndexCurrencies(country("GU"), country("KR"))).toThrow("does not cover");
  });
  test("a missing rate is NOT_FOUND", () => {
    expect(() => priceIndexReport(book, country("TH"), country("KR"))).toThrow("THB");
  });
});
