/**
 * One bucket of one currency's rates (KRW per 1 unit), or of a cross rate. `key` identifies the bucket:
 * a KST date (`2026-11-27`) for daily buckets, the bucket start as ISO UTC for intraday ones.
 */
export interface Bar {
  key: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Mean of the samples in the bucket (the point's `rate`). */
  average: number;
  samples: number;
}

/** KRW itself: a rate of exactly 1 in every bucket, so KRW can be a target or a base like any currency. */
export const HOME = "home" as const;
export type Series = readonly Bar[] | typeof HOME;

const ratio = (target: Bar, base: Bar): Bar => {
  const open = target.open / base.open;
  const close = target.close / base.close;
  // Component-wise, as charting tools build synthetic spreads: the sample-level extremes of a ratio of
  // two foreign currencies are not recoverable from per-currency aggregates, so the bar spans the
  // component ratios and its own open and close.
  const candidates = [open, close, target.high / base.high, target.low / base.low];
  return {
    key: target.key,
    open,
    high: Math.max(...candidates),
    low: Math.min(...candidates),
    close,
    average: target.average / base.average,
    samples: Math.min(target.samples, base.samples),
  };
};

/** 1 / rate, exact: the inverse's high is the inverse of the low. */
const inverse = (b: Bar): Bar => ({
  key: b.key,
  open: 1 / b.open,
  high: 1 / b.low,
  low: 1 / b.high,
  close: 1 / b.close,
  average: 1 / b.average,
  samples: b.samples,
});

/**
 * The target priced in the base, bucket by bucket: `krwPer(target) / krwPer(base)` on buckets both
 * series have (a bucket only one side has is dropped — nothing is interpolated).
 * @example crossBars(usdBars, HOME) // USD in KRW, unchanged
 */
export const crossBars = (target: Series, base: Series): Bar[] => {
  if (target === HOME && base === HOME) return [];
  if (base === HOME) return [...(target as readonly Bar[])];
  if (target === HOME) return base.map(inverse);
  const byKey = new Map(base.map((b) => [b.key, b]));
  return target.flatMap((t) => {
    const b = byKey.get(t.key);
    return b ? [ratio(t, b)] : [];
  });
};
