import type { Currency, CurrencyIssuer } from "@trip/shared";
import type { RateOrigin, RateQuote } from "./rate-quote.ts";
import { roundDecimals } from "./rounding.ts";

/** `data` of `GET /api/v1/currencies/{code}`. Rates are KRW per 1 unit; `unit` says how Koreans quote it. */
export interface CurrencyDetail {
  currency_code: string;
  currency_name: string;
  currency_name_en: string;
  country_code: string;
  country_name: string;
  symbol: string;
  unit: number;
  current_rate: number;
  tts: number | null;
  ttb: number | null;
  /** current_rate − previous KST day's close; null when there is no earlier day in the database. */
  change: number | null;
  /** 100 × change / previous close, 2 decimals; null with `change`. */
  change_percent: number | null;
  last_updated: string;
  source: RateOrigin;
}

/** Change against the previous close: 8 decimals (the database's precision) and a 2-decimal percentage. */
export const changeSince = (
  current: number,
  previousClose: number | null,
): { change: number | null; change_percent: number | null } => {
  if (previousClose === null || !(previousClose > 0)) return { change: null, change_percent: null };
  const change = current - previousClose;
  return {
    change: roundDecimals(change, 8),
    change_percent: roundDecimals((100 * change) / previousClose, 2),
  };
};

/**
 * The detail of one foreign currency from its latest quote and the previous KST day's close.
 * @example currencyDetail(getCurrency("JPY"), currencyIssuer("JPY"), jpyQuote, 9.4).unit // 100
 */
export function currencyDetail(
  currency: Currency,
  issuer: CurrencyIssuer,
  quote: RateQuote,
  previousClose: number | null,
): CurrencyDetail {
  return {
    currency_code: currency.code,
    currency_name: currency.nameKo,
    currency_name_en: currency.nameEn,
    country_code: issuer.code,
    country_name: issuer.nameKo,
    symbol: currency.symbol,
    unit: currency.unit,
    current_rate: quote.krwPerUnit,
    tts: quote.tts,
    ttb: quote.ttb,
    ...changeSince(quote.krwPerUnit, previousClose),
    last_updated: quote.observedAt.toISOString(),
    source: quote.origin,
  };
}
