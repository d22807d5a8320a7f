import type { Clock } from "../sandbox-env.ts";

/**
 * A clock that can be moved forward on request, so tests and benchmarks get the next 2-minute market
 * step (a new provider snapshot) without waiting for it. Never moves backward.
 */
export const shiftedClock = (base: Clock) => {
  let offsetMs = 0;
  return {
    now: (): Date => new Date(base.now().getTime() + offsetMs),
    advance: (ms: number): void => {
      if (ms > 0) offsetMs += ms;
    },
    offsetMs: (): number => offsetMs,
  };
};
