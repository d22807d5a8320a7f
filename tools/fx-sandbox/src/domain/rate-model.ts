import { createFactorPath, type FactorPath } from "./factor-path.ts";
import { dateOfEpochDay, epochDayOfDate, isBusinessDay } from "./kst-calendar.ts";
import { hashString } from "./prng.ts";
import type { ReferenceRates } from "./reference-rates.ts";
import { factorAgainstUsd, USD_KRW_FACTOR, type WalkFactor } from "./walk-factors.ts";

/** KRW per 1 unit of each currency. */
export type KrwRates = Record<string, number>;

export interface RateModel {
  /** Every currency the sandbox quotes, KRW included, sorted. */
  readonly currencies: readonly string[];
  /** Rates at an instant: the value of the 2-minute step the instant falls in. */
  ratesAt(instantMs: number): KrwRates;
  /** Rates at the close (24:00 KST) of a KST date. */
  ratesAtClose(date: string): KrwRates;
}

/**
 * A deterministic market: the rate of any currency at any time is a pure function of (seed, currency,
 * time). The reference rates are the close of the reference date; the walk runs from there both ways.
 * @example createRateModel({ seed: "demo", reference }).ratesAt(Date.parse("2026-11-27T03:00:00Z")).USD
 */
export const createRateModel = ({
  seed,
  reference,
}: {
  seed: string;
  reference: ReferenceRates;
}): RateModel => {
  const seedNumber = hashString(seed);
  const anchorDay = epochDayOfDate(reference.date);
  const businessDays = new Map<number, boolean>();
  const isBusinessEpochDay = (day: number): boolean => {
    let known = businessDays.get(day);
    if (known === undefined) {
      known = isBusinessDay(dateOfEpochDay(day));
      businessDays.set(day, known);
    }
    return known;
  };
  const paths = new Map<string, FactorPath>();
  const pathOf = (factor: WalkFactor): FactorPath => {
    let path = paths.get(factor.stream);
    if (!path) {
      path = createFactorPath(seedNumber, factor, anchorDay, isBusinessEpochDay);
      paths.set(factor.stream, path);
    }
    return path;
  };
  const currencies = Object.keys(reference.krwPerUnit).sort();
  const factors = new Map(currencies.map((code) => [code, factorAgainstUsd(code)]));

  const ratesWith = (deviationOf: (path: FactorPath) => number): KrwRates => {
    const usdKrw = deviationOf(pathOf(USD_KRW_FACTOR));
    const rates: KrwRates = {};
    for (const code of currencies) {
      const base = reference.krwPerUnit[code] ?? Number.NaN;
      const factor = factors.get(code) ?? null;
      if (code === "KRW") rates[code] = 1;
      else rates[code] = base * Math.exp(usdKrw + (factor ? deviationOf(pathOf(factor)) : 0));
    }
    return rates;
  };

  return {
    currencies,
    ratesAt: (instantMs) => ratesWith((path) => path.valueAt(instantMs)),
    ratesAtClose: (date) => {
      const day = epochDayOfDate(date);
      return ratesWith((path) => path.closeAt(day));
    },
  };
};
