import { describe, expect, test } from "bun:test";
import { getCountry } from "./countries.ts";
import {
  CURRENCY_CODES,
  currencyCodeSchema,
  FOREIGN_CURRENCY_CODES,
  getCurrency,
  isSupportedCurrency,
  SUPPORTED_CURRENCIES,
} from "./currencies.ts";
import { currencyIssuer } from "./currency-issuer.ts";

const CONTRACT_CURRENCIES =
  "USD JPY EUR CNY GBP AUD CAD CHF HKD SGD THB VND TWD PHP IDR MYR NZD AED INR MXN TRY CZK SEK NOK DKK HUF PLN BRL ZAR".split(
    " ",
  );

describe("currency catalog", () => {
  test.each(CONTRACT_CURRENCIES)("%s is supported with names, symbol and unit", (code) => {
    const currency = getCurrency(code);
    expect<string | undefined>(currency?.code).toBe(code);
    expect(currency?.nameKo).toMatch(/[가-힣]/);
    expect(currency?.nameEn).toMatch(/^[A-Z][A-Za-z ]+$/);
    expect(currency?.symbol.length).toBeGreaterThan(0);
    expect([1, 100]).toContain(currency?.unit ?? 0);
  });

  test("KRW is the home currency and not among the foreign ones", () => {
    expect(getCurrency("KRW")?.nameKo).toBe("대한민국 원");
    expect(FOREIGN_CURRENCY_CODES).not.toContain("KRW");
    const foreign: string[] = [...FOREIGN_CURRENCY_CODES];
    expect(foreign.sort()).toEqual([...CONTRACT_CURRENCIES].sort());
  });

  test("JPY and IDR are quoted per 100 units, everything else per 1 (VND included)", () => {
    const per100 = SUPPORTED_CURRENCIES.filter((c) => c.unit === 100).map((c) => c.code);
    expect(per100.sort()).toEqual(["IDR", "JPY"]);
    expect(getCurrency("VND")?.unit).toBe(1);
  });

  test("codes are unique and display decimals are 0 or 2", () => {
    expect(new Set(CURRENCY_CODES).size).toBe(SUPPORTED_CURRENCIES.length);
    for (const c of SUPPORTED_CURRENCIES) expect([0, 2]).toContain(c.decimals);
    expect(getCurrency("JPY")?.decimals).toBe(0);
    expect(getCurrency("USD")?.decimals).toBe(2);
  });

  test("every currency's primary country uses that currency (EUR: euro area)", () => {
    for (const c of SUPPORTED_CURRENCIES) {
      if (c.code === "EUR") continue;
      expect(getCountry(c.countryCode)?.currencyCode).toBe(c.code);
    }
    expect(currencyIssuer("EUR")?.code).toBe("EU");
    expect(currencyIssuer("USD")?.nameKo).toBe("미국");
    expect(currencyIssuer("XYZ")).toBeUndefined();
  });

  test("the code schema and guard accept exactly the supported upper-case codes", () => {
    expect(currencyCodeSchema.safeParse("KRW").success).toBe(true);
    expect(currencyCodeSchema.safeParse("ZAR").success).toBe(true);
    expect(currencyCodeSchema.safeParse("jpy").success).toBe(false);
    expect(currencyCodeSchema.safeParse("MOP").success).toBe(false);
    expect(isSupportedCurrency("THB")).toBe(true);
    expect(isSupportedCurrency("thb")).toBe(false);
    expect(getCurrency("XYZ")).toBeUndefined();
  });
});
