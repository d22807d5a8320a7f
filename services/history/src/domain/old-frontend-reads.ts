import { AppError } from "@trip/shared";

/**
 * The statistics the old frontend (../shared/legacy.md) formats without a null check: numbers get
 * `.toFixed()` (a null there unmounts its whole app), the trend is shown as text.
 */
export const OLD_FRONTEND_READS = {
  history: { average: "number", min: "number", max: "number", volatility: "number", trend: "string" },
  stats: { trend_direction: "string", volatility_index: "number" },
} as const;

type Reads = (typeof OLD_FRONTEND_READS)[keyof typeof OLD_FRONTEND_READS];

/** The figures of `statistics` the old frontend reads that are not of the type it reads them as. */
export const unreadableFigures = (statistics: object, reads: Reads): string[] =>
  Object.entries(reads)
    .filter(([name, type]) => typeof (statistics as Record<string, unknown>)[name] !== type)
    .map(([name]) => name);

/**
 * For the old frontend only: a statistic that cannot be computed is neither invented nor sent as the
 * `null` that crashes it. The request fails instead with 404 NOT_FOUND in the error envelope — the shape
 * its API answered failures with, which its client treats as a failed request rather than data —
 * naming the missing figures (and, for a series, how many points the period has).
 */
export const requireOldFrontendReadable = (
  what: { target: string; period: string; data_points?: number },
  statistics: object,
  reads: Reads,
): void => {
  const missing = unreadableFigures(statistics, reads);
  if (missing.length === 0) return;
  throw new AppError(
    "NOT_FOUND",
    `Not enough ${what.target} history in ${what.period} to compute ${missing.join(", ")}`,
    {
      missing,
      reason: "insufficient_data",
      ...(what.data_points === undefined ? {} : { data_points: what.data_points }),
    },
  );
};
