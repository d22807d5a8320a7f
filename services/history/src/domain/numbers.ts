/**
 * Strips floating-point noise from a computed figure for the wire (12 significant digits keeps every
 * digit of a DECIMAL(20,8) rate up to 9,999.99999999 and far more than any percentage needs).
 * @example tidy(0.1 + 0.2) // 0.3
 */
const SIGNIFICANT = 12;

export const tidy = (x: number): number => Number(x.toPrecision(SIGNIFICANT));

export const tidyOrNull = (x: number | null): number | null => (x === null ? null : tidy(x));

/**
 * A difference of two rates, kept to the decimals `tidy` keeps for a rate of `scale`'s size — a change of
 * 1395.29717876 − 1395.31178032 is −0.01460156, not −0.0146015600001.
 * @example tidyDifference(1395.29717876 - 1395.31178032, 1395.3) // -0.01460156
 */
export const tidyDifference = (difference: number, scale: number): number => {
  if (difference === 0 || scale === 0 || !Number.isFinite(scale)) return tidy(difference);
  const decimals = SIGNIFICANT - 1 - Math.floor(Math.log10(Math.abs(scale)));
  return Number(difference.toFixed(Math.min(100, Math.max(0, decimals))));
};
