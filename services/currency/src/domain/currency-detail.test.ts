import { describe, expect, test } from "bun:test";
import { type Currency, type CurrencyIssuer, currencyIssuer, getCurrency } from "@trip/shared";
import { quote } from "../testing/quotes.ts";
import { changeSince, currencyDetail } from "./currency-detail.ts";

const detailOf = (code: string, rate: number, previousClose: number | null) =>
  currencyDetail(
    getCurrency(code) as Currency,
    currencyIssuer(code) as CurrencyIssuer,
    quote(code, rate, { tts: rate * 1.01, ttb: null }),
    previousClose,
  );

describe("currencyDetail", () => {
  test("JPY: current_rate is KRW per 1 yen and unit says Koreans quote it per 100", () => {
    const jpy = detailOf("JPY", 9.2345, 9.2);
    expect(jpy).toMatchObject({ currency_code: "JPY", unit: 100, current_rate: 9.2345, symbol: "¥" });
    expect(jpy.change).toBe(0.0345);
    expect(jpy.change_percent).toBe(0.38);
  });
  test("names, issuer and provider spreads; a missing TTB stays null", () => {
    expect(detailOf("USD", 1392.4, 1400)).toMatchObject({
      currency_name: "미국 달러",
      currency_name_en: "US Dollar",
      country_code: "US",
      country_name: "미국",
      tts: 1406.324,
      ttb: null,
      change: -7.6,
      change_percent: -0.54,
      last_updated: "2026-11-27T03:00:00.000Z",
      source: "cache",
    });
  });
  test("EUR is labelled with the euro area, not one country", () => {
    expect(detailOf("EUR", 1500, null)).toMatchObject({ country_code: "EU", country_name: "유로존" });
  });
  test("no previous close: change and change_percent are null", () => {
    expect(changeSince(1392.4, null)).toEqual({ change: null, change_percent: null });
  });
});
