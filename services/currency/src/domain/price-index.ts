import { AppError, bigMacPriceFor, type Country, computePriceIndex } from "@trip/shared";
import { krwPriceOf, noRateYet } from "./cross-rates.ts";
import type { RateBook } from "./rate-book.ts";
import { oldestObservation, type RateQuote } from "./rate-quote.ts";

/** `data` of `GET /api/v1/currencies/price-index`. */
export interface PriceIndexReport {
  country_code: string;
  country_name: string;
  base_country: string;
  indices: { bigmac_index: number; composite_index: number };
  price_data: { bigmac_price_local: number; bigmac_price_krw: number; base_bigmac_price_krw: number };
  /** Survey date of the Big Mac edition used (the older of the two countries'). */
  data_date: string;
  /** Observation time of the older of the rates used; null when both prices are in KRW. */
  last_updated: string | null;
}

const bigMacOrNotFound = (country: Country) => {
  const price = bigMacPriceFor(country.code);
  if (price === undefined)
    throw new AppError("NOT_FOUND", `The Big Mac index does not cover ${country.nameEn}`, {
      country_code: country.code,
    });
  return price;
};

/** Currencies whose rates a price index of these two countries needs (the Big Mac data's currencies). */
export const priceIndexCurrencies = (country: Country, base: Country): string[] => [
  bigMacOrNotFound(country).currencyCode,
  bigMacOrNotFound(base).currencyCode,
];

/**
 * Big Mac purchasing-power comparison at today's rates (arithmetic in the shared `computePriceIndex`).
 * Uncovered countries and missing rates are NOT_FOUND.
 */
export function priceIndexReport(book: RateBook, country: Country, base: Country): PriceIndexReport {
  const countryPrice = bigMacOrNotFound(country);
  const basePrice = bigMacOrNotFound(base);
  const prices = [countryPrice, basePrice].map((p) => ({
    code: p.currencyCode,
    price: krwPriceOf(book, p.currencyCode),
  }));
  const missing = prices.filter((p) => p.price === undefined).map((p) => p.code);
  if (missing.length > 0) throw noRateYet(missing);
  const ratesKrwPerUnit = Object.fromEntries(prices.map((p) => [p.code, p.price?.krwPerUnit ?? Number.NaN]));
  const index = computePriceIndex({ country: countryPrice, base: basePrice, ratesKrwPerUnit });
  if (index === undefined)
    throw new AppError("NOT_FOUND", "The price index cannot be computed from the available prices");
  const quotes = prices.map((p) => p.price?.quote).filter((q): q is RateQuote => q != null);
  return {
    country_code: country.code,
    country_name: country.nameKo,
    base_country: base.code,
    indices: { bigmac_index: index.bigmacIndex, composite_index: index.compositeIndex },
    price_data: {
      bigmac_price_local: index.bigmacPriceLocal,
      bigmac_price_krw: index.bigmacPriceKrw,
      base_bigmac_price_krw: index.baseBigmacPriceKrw,
    },
    data_date: countryPrice.date < basePrice.date ? countryPrice.date : basePrice.date,
    last_updated: oldestObservation(quotes)?.toISOString() ?? null,
  };
}
