import { getCountry } from "./countries.ts";
import { getCurrency } from "./currencies.ts";

/** Who issues a currency, for labelling it: a catalog country or the euro area. */
export interface CurrencyIssuer {
  /** ISO 3166-1 alpha-2; "EU" (reserved code of the European Union) for the euro. */
  readonly code: string;
  readonly nameKo: string;
  readonly nameEn: string;
  readonly flag: string;
}

/** The euro is not one country's: it is labelled with the euro area and the EU flag. */
export const EURO_AREA: CurrencyIssuer = { code: "EU", nameKo: "유로존", nameEn: "Euro area", flag: "🇪🇺" };

/**
 * The issuer of a supported currency (its primary country, or the euro area for EUR), or undefined.
 * @example currencyIssuer("USD")?.nameKo // "미국"
 * @example currencyIssuer("EUR")?.nameEn // "Euro area"
 */
export function currencyIssuer(currencyCode: string): CurrencyIssuer | undefined {
  const currency = getCurrency(currencyCode);
  if (currency === undefined) return undefined;
  if (currency.countryCode === EURO_AREA.code) return EURO_AREA;
  const country = getCountry(currency.countryCode);
  if (country === undefined) return undefined;
  return { code: country.code, nameKo: country.nameKo, nameEn: country.nameEn, flag: country.flag };
}
