// Currency/country catalog and Big Mac price data: the single source for every service and the UI.
export { BIG_MAC_ATTRIBUTION, type BigMacPrice, bigMacCountryCodes, bigMacPriceFor } from "./big-mac.ts";
export {
  COUNTRIES,
  COUNTRY_CODES,
  type Country,
  type CountryCode,
  countryCodeSchema,
  getCountry,
  HOME_COUNTRY_CODE,
} from "./countries.ts";
export { searchCountries } from "./country-search.ts";
export {
  CURRENCY_CODES,
  type Currency,
  type CurrencyCode,
  currencyCodeSchema,
  FOREIGN_CURRENCY_CODES,
  getCurrency,
  HOME_CURRENCY,
  isSupportedCurrency,
  SUPPORTED_CURRENCIES,
} from "./currencies.ts";
export { type CurrencyIssuer, currencyIssuer, EURO_AREA } from "./currency-issuer.ts";
export {
  computePriceIndex,
  type LocalBigMacPrice,
  type PriceIndex,
  type PriceIndexInput,
} from "./price-index.ts";
