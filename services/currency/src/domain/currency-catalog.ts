import { currencyIssuer, HOME_CURRENCY, SUPPORTED_CURRENCIES } from "@trip/shared";
import type { RateBook } from "./rate-book.ts";
import { oldestObservation, type RateOrigin, type RateQuote, sourceOf } from "./rate-quote.ts";

/** One catalog entry with its latest rate (KRW per 1 unit; 1 for KRW; null while no rate exists). */
export interface CatalogEntry {
  code: string;
  name: string;
  name_en: string;
  symbol: string;
  unit: number;
  decimals: number;
  country_code: string;
  country_name: string;
  country_name_en: string;
  flag: string;
  current_rate: number | null;
  last_updated: string | null;
}

/** `data` of `GET /api/v1/currencies`. */
export interface CurrencyCatalog {
  base: string;
  count: number;
  currencies: CatalogEntry[];
  /** Where the rates came from; null when no rate could be read (the catalog itself is always served). */
  source: RateOrigin | null;
  cache_hit: boolean;
  last_updated: string | null;
}

/**
 * Every supported currency (KRW first) with the rate the book holds for it.
 * @example currencyCatalog(book).currencies[0]?.code // "KRW"
 */
export function currencyCatalog(book: RateBook | undefined): CurrencyCatalog {
  const quotes: RateQuote[] = [];
  const currencies = SUPPORTED_CURRENCIES.map((currency): CatalogEntry => {
    const issuer = currencyIssuer(currency.code);
    const quote = book?.quotes.get(currency.code);
    if (quote) quotes.push(quote);
    return {
      code: currency.code,
      name: currency.nameKo,
      name_en: currency.nameEn,
      symbol: currency.symbol,
      unit: currency.unit,
      decimals: currency.decimals,
      country_code: issuer?.code ?? currency.countryCode,
      country_name: issuer?.nameKo ?? "",
      country_name_en: issuer?.nameEn ?? "",
      flag: issuer?.flag ?? "",
      current_rate: currency.code === HOME_CURRENCY ? 1 : (quote?.krwPerUnit ?? null),
      last_updated: quote?.observedAt.toISOString() ?? null,
    };
  });
  const source = quotes.length > 0 ? sourceOf(quotes) : null;
  return {
    base: HOME_CURRENCY,
    count: currencies.length,
    currencies,
    source,
    cache_hit: source === "cache",
    last_updated: oldestObservation(quotes)?.toISOString() ?? null,
  };
}
