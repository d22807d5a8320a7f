import { type CurrencyCode, getCurrency } from "@trip/shared";

/**
 * How the old rows of one currency are scaled. The old system stored rates "as the provider quoted
 * them" — KRW per 100 JPY from Korea Eximbank, KRW per 1 JPY from others — so the unit of a row is read
 * from its magnitude against an anchor: the currency's KRW per 1 unit.
 */
export interface UnitAnchor {
  code: CurrencyCode;
  /** KRW per 1 unit, roughly: only its order of magnitude matters. */
  perUnit: number;
  /** Where the anchor came from, for the summary. */
  basis: "stored-rate" | "declared-unit" | "two-magnitudes" | "catalog-unit";
}

const median = (sorted: readonly number[]): number => sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;

/** Groups log10 magnitudes into clusters split wherever neighbours differ by more than 10×. */
const magnitudeClusters = (values: readonly number[]): number[][] => {
  const logs = values.map((v) => Math.log10(v)).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const log of logs) {
    const current = clusters.at(-1);
    const last = current?.at(-1);
    if (current && last !== undefined && log - last <= 1) current.push(log);
    else clusters.push([log]);
  }
  return clusters;
};

/**
 * The anchor of one currency, from (best first):
 * 1. `storedRate` — our own latest rate (KRW per 1 unit, written by the ingestor);
 * 2. `declared` — values of rows whose code states the unit (`JPY(100)`), already divided by it;
 * 3. two clusters of values 100× apart — the lower one is per 1 unit, the upper per 100;
 * 4. one cluster — quoted in the Korean quoting unit of the catalog (JPY and IDR per 100, as Korea
 *    Eximbank quotes them and as the old system stored them).
 * Outlier clusters (far from the largest one) do not move the anchor; their rows are rejected later.
 * @example unitAnchor("JPY", [912.3, 915.1], undefined) // { perUnit: 9.151, basis: "catalog-unit", … }
 */
export const unitAnchor = (
  code: CurrencyCode,
  values: readonly number[],
  storedRate: number | undefined,
  declared: readonly number[] = [],
): UnitAnchor | undefined => {
  if (storedRate !== undefined && storedRate > 0) return { code, perUnit: storedRate, basis: "stored-rate" };
  const stated = declared.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (stated.length > 0) return { code, perUnit: median(stated), basis: "declared-unit" };
  const clusters = magnitudeClusters(values.filter((v) => Number.isFinite(v) && v > 0));
  const main = [...clusters].sort((a, b) => b.length - a.length)[0];
  if (!main) return undefined;
  const mainLog = median(main);
  const near = (cluster: number[], shift: number) => Math.abs(median(cluster) - (mainLog + shift)) < 0.5;
  const lower = clusters.find((cluster) => cluster !== main && near(cluster, -2));
  if (lower) return { code, perUnit: 10 ** median(lower), basis: "two-magnitudes" };
  if (clusters.some((cluster) => cluster !== main && near(cluster, 2))) {
    return { code, perUnit: 10 ** mainLog, basis: "two-magnitudes" };
  }
  const unit = getCurrency(code)?.unit ?? 1;
  return { code, perUnit: 10 ** mainLog / unit, basis: "catalog-unit" };
};

/**
 * The unit a stored value was quoted in, judged against the anchor: within 10× of it → per 1 unit,
 * within 10× of 100 times it → per 100 units, anything else → undefined (implausible, rejected).
 * @example quotedUnit(912.3, 9.1) // 100
 */
export const quotedUnit = (value: number, perUnit: number): 1 | 100 | undefined => {
  const ratio = Math.log10(value / perUnit);
  if (ratio > -1 && ratio < 1) return 1;
  if (ratio >= 1 && ratio < 3) return 100;
  return undefined;
};

/** Rounds to the 8 decimals of `DECIMAL(20,8)`, as the ingestor stores rates. */
export const toStoredPrecision = (n: number): number => Math.round(n * 1e8) / 1e8;
