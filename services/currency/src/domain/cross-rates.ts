import { AppError, CURRENCY_CODES, HOME_CURRENCY } from "@trip/shared";
import type { RateBook } from "./rate-book.ts";
import type { RateQuote } from "./rate-quote.ts";
import { roundRate } from "./rounding.ts";

/** KRW per 1 unit of `code` (1 for KRW itself), with the quote it came from. */
export interface KrwPrice {
  readonly krwPerUnit: number;
  readonly quote: RateQuote | null;
}

/** KRW per 1 unit of `code`, or undefined when the book has no rate for it. */
export const krwPriceOf = (book: RateBook, code: string): KrwPrice | undefined => {
  if (code === HOME_CURRENCY) return { krwPerUnit: 1, quote: null };
  const quote = book.quotes.get(code);
  return quote === undefined ? undefined : { krwPerUnit: quote.krwPerUnit, quote };
};

/**
 * The price of 1 unit of `code` expressed in `base`: KRW-per-code / KRW-per-base. With base KRW this is
 * the Korean quote itself (USD → 1392.4); with base USD, JPY → about 0.0067 (USD per 1 JPY).
 * @example crossRate({ krwPerUnit: 9.5, quote }, { krwPerUnit: 1400, quote }) // 0.0067857143
 */
export const crossRate = (of: KrwPrice, base: KrwPrice): number => roundRate(of.krwPerUnit / base.krwPerUnit);

/** Rates of `symbols` in `base`, and the quotes they were computed from. */
export interface RateTable {
  readonly rates: Record<string, number>;
  readonly quotes: readonly RateQuote[];
}

/** A currency the request needs but the stores have no rate for yet. */
export const noRateYet = (codes: readonly string[]): AppError =>
  new AppError("NOT_FOUND", `No exchange rate has been collected yet for ${codes.join(", ")}`, {
    currencies: codes,
  });

/**
 * The `latest` table. `symbols` undefined means every currency with a rate, in catalog order (KRW too
 * when the base is foreign), the base itself excluded; an explicit symbol without a rate is NOT_FOUND.
 */
export function rateTable(book: RateBook, base: string, symbols: readonly string[] | undefined): RateTable {
  if (book.quotes.size === 0) throw new AppError("NOT_FOUND", "No exchange rates have been collected yet");
  const basePrice = krwPriceOf(book, base);
  if (basePrice === undefined) throw noRateYet([base]);
  const wanted =
    symbols ?? CURRENCY_CODES.filter((code) => code !== base && krwPriceOf(book, code) !== undefined);
  const missing = wanted.filter((code) => krwPriceOf(book, code) === undefined);
  if (missing.length > 0) throw noRateYet(missing);
  const rates: Record<string, number> = {};
  const quotes = new Set<RateQuote>(basePrice.quote ? [basePrice.quote] : []);
  for (const code of wanted) {
    const price = krwPriceOf(book, code) as KrwPrice;
    rates[code] = crossRate(price, basePrice);
    if (price.quote) quotes.add(price.quote);
  }
  return { rates, quotes: [...quotes] };
}
