/**
 * A dependency check that passes when at least one of `checks` passes (a failing or throwing check
 * counts as not passing).
 * @example eitherPasses(cacheProbe, databaseProbe)
 */
export const eitherPasses =
  (...checks: (() => Promise<boolean>)[]) =>
  async (): Promise<boolean> => {
    const results = await Promise.all(checks.map((check) => check().catch(() => false)));
    return results.some(Boolean);
  };
