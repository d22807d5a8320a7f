import type { Clock } from "@trip/shared";

export interface OverridableClock extends Clock {
  /**
   * Makes this clock read `at` now. It keeps running from there, or stands still at `at` when `frozen`
   * (to hit an exact instant such as 23:59:59.999 KST). null goes back to `base`.
   */
  setNow(at: Date | null, options?: { frozen?: boolean }): void;
}

/** Test stacks only (ALLOW_CLOCK_OVERRIDE): the rollover tests move a replica's "now" across KST midnight. */
export const overridableClock = (base: Clock): OverridableClock => {
  let offsetMs = 0;
  let frozenAt: number | undefined;
  return {
    now: () => new Date(frozenAt ?? base.now().getTime() + offsetMs),
    setNow(at, options = {}) {
      offsetMs = at ? at.getTime() - base.now().getTime() : 0;
      frozenAt = at && options.frozen ? at.getTime() : undefined;
    },
  };
};
