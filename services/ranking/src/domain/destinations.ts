import { type Country, getCountry, HOME_COUNTRY_CODE } from "@trip/shared";

/**
 * A country people can pick as a travel destination: any catalog country except the home country (KR) —
 * travellers leave from Korea, so "Korea" is not a destination of this product.
 */
export const destinationOf = (code: string): Country | undefined => {
  const country = getCountry(code.toUpperCase());
  return country && country.code !== HOME_COUNTRY_CODE ? country : undefined;
};

export const isDestinationCode = (code: string): boolean => destinationOf(code) !== undefined;
