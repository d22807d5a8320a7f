import { HOME_CURRENCY } from "./currencies.ts";

/** A Big Mac price in local currency: what the index needs of a `BigMacPrice`. */
export interface LocalBigMacPrice {
  readonly currencyCode: string;
  readonly localPrice: number;
}

export interface PriceIndexInput {
  /** The country being compared. */
  readonly country: LocalBigMacPrice;
  /** The reference country (usually KR). */
  readonly base: LocalBigMacPrice;
  /** KRW per 1 unit (never per 100) of each currency; KRW itself is always 1 and may be omitted. */
  readonly ratesKrwPerUnit: Readonly<Record<string, number>>;
}

/** The contract's price-index numbers (`indices` and `price_data` of /currencies/price-index). */
export interface PriceIndex {
  readonly bigmacPriceLocal: number;
  /** Whole won. */
  readonly bigmacPriceKrw: number;
  /** Whole won. */
  readonly baseBigmacPriceKrw: number;
  /** 100 = same price as the base country; 2 decimals. */
  readonly bigmacIndex: number;
  /** Mean of the available indices (only the Big Mac index today); 2 decimals. */
  readonly compositeIndex: number;
}

function krwPerUnit(currencyCode: string, rates: Readonly<Record<string, number>>): number | undefined {
  if (currencyCode === HOME_CURRENCY) return 1;
  const rate = rates[currencyCode];
  return rate !== undefined && Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

// Half away from zero at `decimals`; EPSILON keeps x.xx5 values that binary floats store as x.xx4999… honest.
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.abs(value)) * scale) / scale;
}

/**
 * Purchasing-power comparison of two countries' Big Mac prices at today's rates. Prices are converted to
 * KRW, the index is 100 × country price / base price computed from the unrounded KRW prices, then KRW
 * prices are rounded to whole won and indices to 2 decimals. Undefined when a needed rate is missing or
 * not a positive finite number, or the base price is not positive.
 * @example
 * computePriceIndex({
 *   country: { currencyCode: "JPY", localPrice: 480 },
 *   base: { currencyCode: "KRW", localPrice: 5500 },
 *   ratesKrwPerUnit: { JPY: 9.5 },
 * }) // { bigmacPriceLocal: 480, bigmacPriceKrw: 4560, baseBigmacPriceKrw: 5500, bigmacIndex: 82.91, compositeIndex: 82.91 }
 */
export function computePriceIndex({
  country,
  base,
  ratesKrwPerUnit,
}: PriceIndexInput): PriceIndex | undefined {
  const countryRate = krwPerUnit(country.currencyCode, ratesKrwPerUnit);
  const baseRate = krwPerUnit(base.currencyCode, ratesKrwPerUnit);
  if (countryRate === undefined || baseRate === undefined) return undefined;
  const priceKrw = country.localPrice * countryRate;
  const basePriceKrw = base.localPrice * baseRate;
  if (!(basePriceKrw > 0) || !(priceKrw >= 0)) return undefined;
  const bigmacIndex = (100 * priceKrw) / basePriceKrw;
  const availableIndices = [bigmacIndex];
  const composite = availableIndices.reduce((sum, index) => sum + index, 0) / availableIndices.length;
  return {
    bigmacPriceLocal: country.localPrice,
    bigmacPriceKrw: roundTo(priceKrw, 0),
    baseBigmacPriceKrw: roundTo(basePriceKrw, 0),
    bigmacIndex: roundTo(bigmacIndex, 2),
    compositeIndex: roundTo(composite, 2),
  };
}
