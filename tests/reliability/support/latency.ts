/** Latency figures for reports (never asserted: timing assertions are forbidden in this project). */

export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
};

export const describeLatency = (samples: readonly number[]): string =>
  `n=${samples.length} p50=${percentile(samples, 50).toFixed(1)}ms p95=${percentile(samples, 95).toFixed(1)}ms p99=${percentile(samples, 99).toFixed(1)}ms`;

/** Runs `step` from `workers` loops until `durationMs` has passed. */
export const loopFor = async (
  durationMs: number,
  workers: number,
  step: () => Promise<void>,
): Promise<void> => {
  const until = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < until) await step();
    }),
  );
};
