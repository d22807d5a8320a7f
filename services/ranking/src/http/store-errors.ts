import { AppError, DaprError } from "@trip/shared";

/**
 * Runs a request's store work; a sidecar or state store failure becomes the contract's 503
 * DATABASE_UNAVAILABLE (the ranking stores are this service's database). Other errors pass unchanged.
 */
export const withRankingStores = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DaprError)
      throw new AppError("DATABASE_UNAVAILABLE", "The ranking store is not available", undefined, {
        cause: err,
      });
    throw err;
  }
};
