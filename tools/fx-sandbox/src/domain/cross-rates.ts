import type { KrwRates } from "./rate-model.ts";

/** Rounds half away from zero at `decimals` places (what providers' JSON shows). */
export const roundTo = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/**
 * Units of each currency in `codes` per `amount` units of `base`, rounded; codes without a rate are left out.
 * @example ratesPerBase({ KRW: 1, USD: 1469.85 }, "KRW", ["USD"], 10) // { USD: 0.0006803415 }
 */
export const ratesPerBase = (
  krw: KrwRates,
  base: string,
  codes: readonly string[],
  decimals: number,
  amount = 1,
): Record<string, number> => {
  const krwPerBase = krw[base];
  const rates: Record<string, number> = {};
  if (krwPerBase === undefined) return rates;
  for (const code of [...codes].sort()) {
    const krwPerUnit = krw[code];
    if (krwPerUnit !== undefined) rates[code] = roundTo((amount * krwPerBase) / krwPerUnit, decimals);
  }
  return rates;
};
