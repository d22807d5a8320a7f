/**
 * Descriptive statistics on plain number series. Every function answers `null` when the series is too
 * short for the figure to exist — a figure is never guessed.
 */

/** A fitted move smaller than this share of the mean (in percent) over the window is "stable". */
export const STABLE_THRESHOLD_PERCENT = 0.5;

export type Trend = "upward" | "downward" | "stable";

export const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((sum, x) => sum + x, 0) / xs.length;

export const minOf = (xs: readonly number[]): number | null => (xs.length === 0 ? null : Math.min(...xs));
export const maxOf = (xs: readonly number[]): number | null => (xs.length === 0 ? null : Math.max(...xs));

/** Sample standard deviation (divisor n − 1); needs at least two values. */
export const sampleStdDev = (xs: readonly number[]): number | null => {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  return Math.sqrt(xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1));
};

/** Population standard deviation (divisor n), as Bollinger bands use it. */
export const populationStdDev = (xs: readonly number[]): number | null => {
  const m = mean(xs);
  if (m === null) return null;
  return Math.sqrt(xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / xs.length);
};

/** Simple period returns `c[i] / c[i−1] − 1`, one fewer than the closes. */
export const simpleReturns = (closes: readonly number[]): number[] =>
  closes.slice(1).map((c, i) => c / (closes[i] as number) - 1);

/**
 * Volatility in percent: the sample standard deviation of the period returns × 100.
 * Needs two returns (three closes).
 * @example volatilityPercent([100, 101, 100]) // ≈ 1.40721
 */
export const volatilityPercent = (closes: readonly number[]): number | null => {
  const sd = sampleStdDev(simpleReturns(closes));
  return sd === null ? null : sd * 100;
};

/** Slope of the least-squares line through `(i, ys[i])`; needs two points. */
export const leastSquaresSlope = (ys: readonly number[]): number | null => {
  const n = ys.length;
  const yMean = mean(ys);
  if (n < 2 || yMean === null) return null;
  const xMean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - xMean) * (y - yMean);
    sxx += (x - xMean) ** 2;
  });
  return sxy / sxx;
};

/**
 * Direction of the least-squares fit through the closes. The fitted move across the window,
 * `slope × (n − 1)`, as a percentage of the mean close, is "stable" below STABLE_THRESHOLD_PERCENT.
 */
export const trendOf = (closes: readonly number[]): Trend | null => {
  const slope = leastSquaresSlope(closes);
  const m = mean(closes);
  if (slope === null || m === null || m === 0) return null;
  const fittedMovePercent = ((slope * (closes.length - 1)) / m) * 100;
  if (Math.abs(fittedMovePercent) < STABLE_THRESHOLD_PERCENT) return "stable";
  return fittedMovePercent > 0 ? "upward" : "downward";
};

/**
 * Classic floor pivot levels from the window's high, low and last close:
 * `P = (H + L + C) / 3`, support `S1 = 2P − H`, resistance `R1 = 2P − L`.
 */
export const pivotLevels = (
  high: number | null,
  low: number | null,
  close: number | null,
): { support: number | null; resistance: number | null } => {
  if (high === null || low === null || close === null) return { support: null, resistance: null };
  const pivot = (high + low + close) / 3;
  return { support: 2 * pivot - high, resistance: 2 * pivot - low };
};

/** Percent change from `from` to `to`; null without both or from zero. */
export const percentChange = (from: number | null, to: number | null): number | null =>
  from === null || to === null || from === 0 ? null : ((to - from) / from) * 100;
