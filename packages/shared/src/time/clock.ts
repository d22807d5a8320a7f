/** The source of "now". Pass it in; never call `new Date()` deep inside domain code. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock for tests: starts at `start` and moves only when told.
 * @example const clock = manualClock("2026-11-27T14:59:59.999Z"); clock.advance(1);
 */
export const manualClock = (start: string | Date) => {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at: string | Date) => {
      current = new Date(at).getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
};
