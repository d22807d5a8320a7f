import { FOREIGN_CURRENCY_CODES } from "@trip/shared";
import { PERIODS, type Period } from "../api/types.ts";

export const MAX_COMPARED = 5;
export const MIN_COMPARED = 2;
export const DEFAULT_COMPARED = ["USD", "JPY", "EUR"] as const;
export const DEFAULT_COMPARE_PERIOD: Period = "1m";

export interface CompareQuery {
  currencies: string[];
  period: Period;
}

const SUPPORTED = new Set<string>(FOREIGN_CURRENCY_CODES);

/**
 * The compare page's state from its URL (`?currencies=USD,JPY&period=3m`): supported foreign codes,
 * de-duplicated, at most five; defaults when nothing usable is given.
 */
export const parseCompareQuery = (search: string): CompareQuery => {
  const params = new URLSearchParams(search);
  const listed = params.get("currencies");
  const currencies =
    listed === null
      ? [...DEFAULT_COMPARED]
      : [...new Set(listed.split(",").map((c) => c.trim().toUpperCase()))]
          .filter((c) => SUPPORTED.has(c))
          .slice(0, MAX_COMPARED);
  const period = PERIODS.find((p) => p === params.get("period")) ?? DEFAULT_COMPARE_PERIOD;
  return { currencies, period };
};

export const compareSearch = (query: CompareQuery): string =>
  `?${new URLSearchParams({ currencies: query.currencies.join(","), period: query.period }).toString().replace(/%2C/g, ",")}`;

/** Adds or removes a currency, never going above the maximum. */
export const toggleCurrency = (selected: readonly string[], code: string): string[] =>
  selected.includes(code)
    ? selected.filter((c) => c !== code)
    : selected.length >= MAX_COMPARED
      ? [...selected]
      : [...selected, code];

/** The correlation of two currencies from the API's matrix, whichever order the key uses. */
export const correlationOf = (matrix: Record<string, number | null>, a: string, b: string): number | null => {
  if (a === b) return 1;
  return matrix[`${a}_${b}`] ?? matrix[`${b}_${a}`] ?? null;
};
