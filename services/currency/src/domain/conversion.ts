import { getCurrency } from "@trip/shared";
import { krwPriceOf, noRateYet } from "./cross-rates.ts";
import type { RateBook } from "./rate-book.ts";
import { oldestObservation, type RateQuote } from "./rate-quote.ts";
import { roundDecimals, roundRate } from "./rounding.ts";

/** `data` of `GET /api/v1/currencies/convert`. */
export interface Conversion {
  from: string;
  to: string;
  amount: number;
  /** amount × rate, rounded half away from zero to the target currency's display decimals. */
  result: number;
  /** Units of `to` per 1 unit of `from`, rounded by `roundRate`. */
  rate: number;
  /** Observation time of the older of the two rates; null when no rate was needed (from = to, or KRW↔KRW). */
  last_updated: string | null;
}

/**
 * Converts through KRW: rate = KRW-per-from / KRW-per-to; the result uses the unrounded rate.
 * @example convert(book, "USD", "KRW", 100) // { result: 139240, rate: 1392.4, … }
 */
export function convert(book: RateBook, from: string, to: string, amount: number): Conversion {
  const decimals = getCurrency(to)?.decimals ?? 2;
  if (from === to)
    return { from, to, amount, result: roundDecimals(amount, decimals), rate: 1, last_updated: null };
  const fromPrice = krwPriceOf(book, from);
  const toPrice = krwPriceOf(book, to);
  const missing = [fromPrice ? undefined : from, toPrice ? undefined : to].filter((c) => c !== undefined);
  if (!fromPrice || !toPrice) throw noRateYet(missing);
  const rate = fromPrice.krwPerUnit / toPrice.krwPerUnit;
  const quotes = [fromPrice.quote, toPrice.quote].filter((q): q is RateQuote => q !== null);
  return {
    from,
    to,
    amount,
    result: roundDecimals(amount * rate, decimals),
    rate: roundRate(rate),
    last_updated: oldestObservation(quotes)?.toISOString() ?? null,
  };
}

/** The quotes a conversion reads, for reporting where they came from. */
export const conversionCodes = (from: string, to: string): string[] => (from === to ? [] : [from, to]);
