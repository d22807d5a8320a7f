/**
 * A dependency check that passes when at least one of `checks` passes (a failing or throwing check
 * counts as not passing).
 * @example eitherPasses(cacheProbe, databaseProbe)
 */
export const eitherPasses =
  (...checks: (() => Promise<boolean>)[]) =>
  (): Promise<boolean> =>
    // True as soon as one passes: a store that hangs (Redis down → sidecar timeout) must not hold up
    // the answer when the other store already said yes.
    new Promise((resolve) => {
      let pending = checks.length;
      if (pending === 0) resolve(false);
      const settle = (passed: boolean) => {
        pending -= 1;
        if (passed) resolve(true);
        else if (pending === 0) resolve(false);
      };
      for (const check of checks) check().then(settle, () => settle(false));
    });
