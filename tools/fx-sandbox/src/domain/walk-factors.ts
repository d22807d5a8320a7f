/**
 * What moves a currency. KRW per unit of X = (KRW per USD) × (USD per X); each part follows its own walk
 * ("factor"), so currencies pegged to USD move exactly with USD/KRW and currency unions move together.
 */
export interface WalkFactor {
  /** Name of the random stream; currencies that share it move together. */
  readonly stream: string;
  /** Standard deviation of one business day's log move. */
  readonly dailySigma: number;
}

export const USD_KRW_FACTOR: WalkFactor = { stream: "USD/KRW", dailySigma: 0.0035 };

/** Hard pegs to USD: their USD price never moves in the sandbox. */
const PEGGED_TO_USD = new Set(["AED", "BHD", "HKD", "JOD", "OMR", "QAR", "SAR"]);
/** DKK is pegged to EUR (ERM II), so it shares the euro's walk. */
const SHARES_FACTOR_WITH: Readonly<Record<string, string>> = { DKK: "EUR" };
/** Managed currencies move less than free floats. */
const CALMER: Readonly<Record<string, number>> = { CNY: 0.0015, SGD: 0.0025, VND: 0.0015 };
const FREE_FLOAT_SIGMA = 0.004;

/** The factor that moves `code` against USD, or null when it does not move against USD at all. */
export const factorAgainstUsd = (code: string): WalkFactor | null => {
  if (code === "USD" || code === "KRW" || PEGGED_TO_USD.has(code)) return null;
  const leader = SHARES_FACTOR_WITH[code] ?? code;
  return { stream: `${leader}/USD`, dailySigma: CALMER[leader] ?? FREE_FLOAT_SIGMA };
};
