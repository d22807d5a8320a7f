import type { BigMacPrice } from "./big-mac-csv.ts";
import { BIG_MAC_PRICES } from "./big-mac-data.ts";

export type { BigMacPrice } from "./big-mac-csv.ts";

const priceByCountry = new Map<string, BigMacPrice>(
  BIG_MAC_PRICES.map((price) => [price.countryCode, price]),
);

/** Attribution to show wherever Big Mac figures are displayed (MIT licence of the source data). */
export const BIG_MAC_ATTRIBUTION =
  "Big Mac index data: The Economist (github.com/TheEconomist/big-mac-data), MIT licence";

/**
 * The latest published Big Mac price for a catalog country (alpha-2, upper case), or undefined when the
 * index does not cover it (e.g. GU, MP). Euro countries without their own row use the euro-area row.
 * @example bigMacPriceFor("JP") // { countryCode: "JP", currencyCode: "JPY", localPrice: 480, dollarEx: 158.545, date: "2026-01-01", sourceIsoA3: "JPN" }
 */
export function bigMacPriceFor(countryCode: string): BigMacPrice | undefined {
  return priceByCountry.get(countryCode);
}

/** Alpha-2 codes of the countries the Big Mac data covers, in catalog order. */
export function bigMacCountryCodes(): readonly string[] {
  return BIG_MAC_PRICES.map((price) => price.countryCode);
}
