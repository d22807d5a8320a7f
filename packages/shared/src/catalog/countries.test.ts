import { describe, expect, test } from "bun:test";
import { COUNTRIES, countryCodeSchema, getCountry, HOME_COUNTRY_CODE } from "./countries.ts";
import { searchCountries } from "./country-search.ts";
import { isSupportedCurrency } from "./currencies.ts";

const REGIONAL_INDICATOR_A = 0x1f1e6;

function regionalIndicatorsOf(code: string): string {
  return [...code]
    .map((letter) => String.fromCodePoint(REGIONAL_INDICATOR_A + letter.charCodeAt(0) - 65))
    .join("");
}

describe("country catalog", () => {
  test("has at least 40 travel destinations besides the home country", () => {
    const destinations = COUNTRIES.filter((c) => c.code !== HOME_COUNTRY_CODE);
    expect(destinations.length).toBeGreaterThanOrEqual(40);
    expect(getCountry(HOME_COUNTRY_CODE)?.currencyCode).toBe("KRW");
  });

  test("alpha-2 and alpha-3 codes are well-formed and unique", () => {
    for (const c of COUNTRIES) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.alpha3).toMatch(/^[A-Z]{3}$/);
    }
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    expect(new Set(COUNTRIES.map((c) => c.alpha3)).size).toBe(COUNTRIES.length);
  });

  test.each(
    COUNTRIES.map((c) => [c.code, c] as const),
  )("%s has a supported currency, names and its flag", (code, c) => {
    expect(isSupportedCurrency(c.currencyCode)).toBe(true);
    expect(c.nameKo).toMatch(/[가-힣]/);
    expect(c.nameEn.length).toBeGreaterThan(1);
    expect(c.flag).toBe(regionalIndicatorsOf(code));
  });

  test("US territories popular with Korean travellers use USD", () => {
    expect(getCountry("GU")?.currencyCode).toBe("USD");
    expect(getCountry("MP")?.currencyCode).toBe("USD");
  });

  test("the code schema accepts catalog codes only", () => {
    expect(countryCodeSchema.safeParse("JP").success).toBe(true);
    expect(countryCodeSchema.safeParse("jp").success).toBe(false);
    expect(countryCodeSchema.safeParse("MO").success).toBe(false);
    expect(getCountry("ZZ")).toBeUndefined();
  });
});

describe("searchCountries", () => {
  test("finds Japan by Korean name, English name in any case, and code", () => {
    expect(searchCountries("일본")[0]?.code).toBe("JP");
    expect(searchCountries("japan")[0]?.code).toBe("JP");
    expect(searchCountries("JAPAN")[0]?.code).toBe("JP");
    expect(searchCountries("jp")[0]?.code).toBe("JP");
  });

  test("an exact code ranks before names that merely contain the query", () => {
    const hits = searchCountries("in").map((c) => c.code);
    expect(hits[0]).toBe("IN");
    expect(hits).toContain("FI");
  });

  test("partial names, spaces and aliases match", () => {
    expect(searchCountries("뉴질").map((c) => c.code)).toEqual(["NZ"]);
    expect(searchCountries("new zealand")[0]?.code).toBe("NZ");
    expect(searchCountries("터키")[0]?.code).toBe("TR");
    expect(searchCountries("saipan")[0]?.code).toBe("MP");
  });

  test("no match gives an empty list; an empty query gives the catalog", () => {
    expect(searchCountries("atlantis")).toEqual([]);
    expect(searchCountries("  ")).toHaveLength(COUNTRIES.length);
  });
});
