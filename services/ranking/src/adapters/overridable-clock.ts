import type { Clock } from "@trip/shared";
import type { OverridableClock } from "../use-cases/ports.ts";

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
