import { mean, populationStdDev } from "./statistics.ts";

/**
 * Technical indicators at the last close of a series (oldest first). Each one is `null` until the series
 * is long enough for its definition.
 */

/** Simple moving average of the last `n` closes. */
export const sma = (closes: readonly number[], n: number): number | null =>
  closes.length < n ? null : mean(closes.slice(-n));

/**
 * Relative Strength Index with Wilder's smoothing: the first average gain/loss is the simple mean of the
 * first `n` changes, then `avg = (avg × (n − 1) + change) / n`. RSI = 100 − 100 / (1 + gain / loss);
 * 100 when nothing fell; null when nothing moved at all (0 / 0) or with fewer than `n + 1` closes.
 */
export const rsi = (closes: readonly number[], n = 14): number | null => {
  if (closes.length < n + 1) return null;
  const changes = closes.slice(1).map((c, i) => c - (closes[i] as number));
  let gain = 0;
  let loss = 0;
  changes.forEach((change, i) => {
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    if (i < n) {
      gain += up / n;
      loss += down / n;
    } else {
      gain = (gain * (n - 1) + up) / n;
      loss = (loss * (n - 1) + down) / n;
    }
  });
  if (gain === 0 && loss === 0) return null;
  if (loss === 0) return 100;
  return 100 - 100 / (1 + gain / loss);
};

/** Bollinger bands: SMA(n) ± k × population standard deviation of the same n closes. */
export const bollinger = (
  closes: readonly number[],
  n = 20,
  k = 2,
): { upper: number | null; lower: number | null } => {
  if (closes.length < n) return { upper: null, lower: null };
  const last = closes.slice(-n);
  const middle = mean(last) as number;
  const sd = populationStdDev(last) as number;
  return { upper: middle + k * sd, lower: middle - k * sd };
};
