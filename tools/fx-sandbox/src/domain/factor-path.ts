import { kstEpochDayOf, STEPS_PER_DAY, stepOfKstDay } from "./kst-calendar.ts";
import { normalAt, streamKey } from "./prng.ts";
import type { WalkFactor } from "./walk-factors.ts";

/** Pull back towards the reference so a walk stays realistic over years (Ornstein-Uhlenbeck in log space). */
const MEAN_REVERSION = 0.004;
const MAX_CACHED_DAYS = 64;

/** One factor's log-deviation from the reference, at day closes and within a day. */
export interface FactorPath {
  /** Log-deviation at the close (24:00 KST) of the KST day `epochDay`. */
  closeAt(epochDay: number): number;
  /** Log-deviation at an instant (the value of its 2-minute step). */
  valueAt(instantMs: number): number;
}

/**
 * Daily closes form a walk starting at 0 on the anchor day's close, going forward and backward in time.
 * Only business days move. Within a business day the value runs from the previous close to this close
 * along a Brownian bridge of 720 two-minute steps, so intraday noise never changes the closes.
 */
export const createFactorPath = (
  seed: number,
  factor: WalkFactor,
  anchorDay: number,
  isBusinessEpochDay: (epochDay: number) => boolean,
): FactorPath => {
  const dailyKey = streamKey(seed, factor.stream);
  const moveOf = (epochDay: number): number => factor.dailySigma * normalAt(dailyKey, epochDay);
  const forward = [0];
  const backward = [0];

  const closeAt = (epochDay: number): number => {
    const offset = epochDay - anchorDay;
    if (offset >= 0) {
      for (let i = forward.length; i <= offset; i += 1) {
        const previous = forward[i - 1] ?? 0;
        const day = anchorDay + i;
        forward.push(isBusinessEpochDay(day) ? previous + moveOf(day) - MEAN_REVERSION * previous : previous);
      }
      return forward[offset] ?? 0;
    }
    for (let i = backward.length; i <= -offset; i += 1) {
      const following = backward[i - 1] ?? 0;
      const day = anchorDay - i + 1;
      backward.push(
        isBusinessEpochDay(day) ? following - moveOf(day) - MEAN_REVERSION * following : following,
      );
    }
    return backward[-offset] ?? 0;
  };

  const bridges = new Map<number, Float64Array>();
  const bridgeOf = (epochDay: number): Float64Array => {
    const cached = bridges.get(epochDay);
    if (cached) return cached;
    const key = streamKey(seed, `${factor.stream}@${epochDay}`);
    const stepSigma = factor.dailySigma / Math.sqrt(STEPS_PER_DAY);
    const walk = new Float64Array(STEPS_PER_DAY + 1);
    for (let step = 1; step <= STEPS_PER_DAY; step += 1) {
      walk[step] = (walk[step - 1] ?? 0) + stepSigma * normalAt(key, step);
    }
    const end = walk[STEPS_PER_DAY] ?? 0;
    for (let step = 0; step <= STEPS_PER_DAY; step += 1) {
      walk[step] = (walk[step] ?? 0) - (step / STEPS_PER_DAY) * end;
    }
    if (bridges.size >= MAX_CACHED_DAYS) bridges.clear();
    bridges.set(epochDay, walk);
    return walk;
  };

  const valueAt = (instantMs: number): number => {
    const day = kstEpochDayOf(instantMs);
    const open = closeAt(day - 1);
    const close = closeAt(day);
    if (!isBusinessEpochDay(day)) return close;
    const step = stepOfKstDay(instantMs);
    return open + (close - open) * (step / STEPS_PER_DAY) + (bridgeOf(day)[step] ?? 0);
  };

  return { closeAt, valueAt };
};
