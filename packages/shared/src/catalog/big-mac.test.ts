import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { bigMacCountryCodes, bigMacPriceFor } from "./big-mac.ts";
import { type BigMacRow, parseBigMacCsv, selectLatestPrices } from "./big-mac-csv.ts";
import { BIG_MAC_PRICES } from "./big-mac-data.ts";
import { COUNTRIES, type Country } from "./countries.ts";

const csvText = readFileSync(new URL("./data/big-mac-index.csv", import.meta.url), "utf8");

describe("generated Big Mac data", () => {
  test("equals a fresh parse of the CSV (rerun generate-big-mac-data.ts when this fails)", () => {
    expect(BIG_MAC_PRICES).toEqual(selectLatestPrices(parseBigMacCsv(csvText), COUNTRIES));
  });

  test.each(["KR", "JP", "US"])("%s has a positive price from the 2026-01-01 edition", (code) => {
    const price = bigMacPriceFor(code);
    expect(price?.localPrice).toBeGreaterThan(0);
    expect(price?.dollarEx).toBeGreaterThan(0);
    expect(price?.date).toBe("2026-01-01");
  });

  test("carries the published figures of the 2026 edition", () => {
    expect(bigMacPriceFor("KR")).toMatchObject({ currencyCode: "KRW", localPrice: 5500, dollarEx: 1469.85 });
    expect(bigMacPriceFor("JP")).toMatchObject({ currencyCode: "JPY", localPrice: 480, dollarEx: 158.545 });
    expect(bigMacPriceFor("US")).toMatchObject({ currencyCode: "USD", localPrice: 6.12, dollarEx: 1 });
    expect(bigMacPriceFor("FR")).toMatchObject({ currencyCode: "EUR", localPrice: 5.6, sourceIsoA3: "FRA" });
  });

  test("covers the big destinations and leaves out places the index does not survey", () => {
    expect(bigMacCountryCodes()).toEqual(expect.arrayContaining(["VN", "TH", "TW", "GB", "DE", "AU"]));
    expect(bigMacPriceFor("GU")).toBeUndefined();
    expect(bigMacPriceFor("jp")).toBeUndefined();
  });
});

const row = (isoA3: string, currencyCode: string, localPrice: number, date: string): BigMacRow => ({
  isoA3,
  currencyCode,
  localPrice,
  dollarEx: 1,
  date,
});
const country = (code: string, alpha3: string, currencyCode: Country["currencyCode"]): Country =>
  ({ code, alpha3, currencyCode, nameKo: "가", nameEn: "A", flag: "", aliases: [] }) as unknown as Country;

describe("selectLatestPrices", () => {
  test("takes each country's latest row", () => {
    const rows = [row("JPN", "JPY", 480, "2026-01-01"), row("JPN", "JPY", 450, "2025-01-01")];
    expect(selectLatestPrices(rows, [country("JP", "JPN", "JPY")])[0]?.localPrice).toBe(480);
  });

  test("a euro country without its own row falls back to the euro-area row; others are left out", () => {
    const rows = [row("EUZ", "EUR", 6.08, "2026-01-01"), row("FRA", "EUR", 5.6, "2026-01-01")];
    const prices = selectLatestPrices(rows, [
      country("FR", "FRA", "EUR"),
      country("SI", "SVN", "EUR"),
      country("GU", "GUM", "USD"),
    ]);
    expect(prices.map((p) => [p.countryCode, p.localPrice, p.sourceIsoA3])).toEqual([
      ["FR", 5.6, "FRA"],
      ["SI", 6.08, "EUZ"],
    ]);
  });

  test("refuses a row whose currency disagrees with the catalog", () => {
    expect(() =>
      selectLatestPrices([row("HRV", "HRK", 30, "2026-01-01")], [country("HR", "HRV", "EUR")]),
    ).toThrow(/HRK/);
  });
});

describe("parseBigMacCsv", () => {
  const header = "name,iso_a3,currency_code,local_price,dollar_ex,GDP_dollar,GDP_local,date";

  test("reads columns by name and honours quoted fields", () => {
    const rows = parseBigMacCsv(`${header}\n"Korea, South",KOR,KRW,5500,1469.85,1,1,2026-01-01\n`);
    expect(rows).toEqual([
      { isoA3: "KOR", currencyCode: "KRW", localPrice: 5500, dollarEx: 1469.85, date: "2026-01-01" },
    ]);
  });

  test("rejects a missing column, a non-positive price and a malformed date", () => {
    expect(() => parseBigMacCsv("name,iso_a3\nJapan,JPN")).toThrow(/currency_code/);
    expect(() => parseBigMacCsv(`${header}\nJapan,JPN,JPY,0,158,1,1,2026-01-01`)).toThrow(/local_price/);
    expect(() => parseBigMacCsv(`${header}\nJapan,JPN,JPY,480,158,1,1,1/1/2026`)).toThrow(/date/);
  });

  test("parses every row of the shipped CSV", () => {
    expect(parseBigMacCsv(csvText)).toHaveLength(csvText.trim().split("\n").length - 1);
  });
});
