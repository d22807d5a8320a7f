import type { Bar } from "./bars.ts";
import { simpleReturns } from "./statistics.ts";

/** Fewer paired returns than this and a correlation means nothing (two points always lie on a line). */
export const MIN_CORRELATION_PAIRS = 3;

/**
 * Pearson's r of two equally long series; null with fewer than MIN_CORRELATION_PAIRS pairs or when
 * either series does not vary. Clamped to [−1, 1] against rounding.
 */
export const pearson = (xs: readonly number[], ys: readonly number[]): number | null => {
  const n = Math.min(xs.length, ys.length);
  if (n < MIN_CORRELATION_PAIRS) return null;
  const xm = xs.slice(0, n).reduce((s, x) => s + x, 0) / n;
  const ym = ys.slice(0, n).reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - xm;
    const dy = (ys[i] as number) - ym;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
};

/**
 * Correlation of two currencies' period returns. Only buckets both series have count; returns are taken
 * between consecutive shared buckets, so a gap in one series never pairs unrelated moves.
 */
export const returnCorrelation = (a: readonly Bar[], b: readonly Bar[]): number | null => {
  const bByKey = new Map(b.map((bar) => [bar.key, bar.close]));
  const shared = a.filter((bar) => bByKey.has(bar.key));
  const aCloses = shared.map((bar) => bar.close);
  const bCloses = shared.map((bar) => bByKey.get(bar.key) as number);
  return pearson(simpleReturns(aCloses), simpleReturns(bCloses));
};

/**
 * Every unordered pair once, keyed `A_B` in the order the currencies were given.
 * @example correlationMatrix([["USD", usd], ["JPY", jpy]]) // { USD_JPY: 0.75 }
 */
export const correlationMatrix = (
  series: ReadonlyArray<readonly [string, readonly Bar[]]>,
): Record<string, number | null> => {
  const matrix: Record<string, number | null> = {};
  series.forEach(([codeA, barsA], i) => {
    for (const [codeB, barsB] of series.slice(i + 1)) {
      matrix[`${codeA}_${codeB}`] = returnCorrelation(barsA, barsB);
    }
  });
  return matrix;
};
