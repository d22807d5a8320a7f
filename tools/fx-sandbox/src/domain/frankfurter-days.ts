import {
  businessDayOnOrBefore,
  businessDaysBetween,
  epochDayOfDate,
  isIsoDate,
  lastClosedBusinessDay,
} from "./kst-calendar.ts";

/** Longest time series the sandbox computes in one answer (10 years). */
export const MAX_SERIES_DAYS = 3660;

export interface SeriesSpec {
  readonly start: string;
  /** null for an open range (`2026-01-01..`): up to the latest closed day. */
  readonly end: string | null;
}

/** Parses a Frankfurter path segment `START..END` or `START..`; null when it is not one. */
export const parseSeriesSpec = (segment: string): SeriesSpec | null => {
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})?$/.exec(segment);
  if (!match?.[1] || !isIsoDate(match[1])) return null;
  const end = match[2] ?? null;
  if (end !== null && (!isIsoDate(end) || end < match[1])) return null;
  return { start: match[1], end };
};

/**
 * The dates a time series holds: KST business days in the range whose close is final at `instantMs`
 * (a day's rate is published once its KST day has ended). Null when the range is too long.
 */
export const seriesDates = (spec: SeriesSpec, instantMs: number): string[] | null => {
  const lastClosed = lastClosedBusinessDay(instantMs);
  const end = spec.end === null || spec.end > lastClosed ? lastClosed : spec.end;
  if (end < spec.start) return [];
  if (epochDayOfDate(end) - epochDayOfDate(spec.start) > MAX_SERIES_DAYS) return null;
  return businessDaysBetween(spec.start, end);
};

/** The date `/v1/{date}` answers with: the latest closed business day on or before `date`. */
export const historicalDate = (date: string, instantMs: number): string => {
  const lastClosed = lastClosedBusinessDay(instantMs);
  return date >= lastClosed ? lastClosed : businessDayOnOrBefore(date);
};

/**
 * The currencies to quote against `base`: `symbols` (comma-separated) or the whole universe minus the base.
 * Null when the base or a symbol is outside the universe.
 */
export const selectSymbols = (
  universe: readonly string[],
  base: string,
  symbols: string | undefined,
): string[] | null => {
  if (!universe.includes(base)) return null;
  if (symbols === undefined || symbols === "") return universe.filter((code) => code !== base);
  const wanted = symbols.toUpperCase().split(",");
  return wanted.every((code) => universe.includes(code)) ? wanted : null;
};
