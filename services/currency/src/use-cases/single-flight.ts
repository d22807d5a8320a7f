/**
 * Runs `task` at most once at a time: callers arriving while it runs share the same promise.
 * @example const refresh = singleFlight(() => reload()); await Promise.all([refresh.run(), refresh.run()]); // one reload
 */
export const singleFlight = (task: () => Promise<void>) => {
  let inFlight: Promise<void> | undefined;
  return {
    get running(): boolean {
      return inFlight !== undefined;
    },
    run(): Promise<void> {
      inFlight ??= task().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
};
