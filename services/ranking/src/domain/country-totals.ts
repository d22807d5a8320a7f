import type { KstDate } from "@trip/shared";

/**
 * `country:{code}` in `country-stats`: cumulative figures over every archived day. `through` is the last
 * archived day applied, which makes applying a day idempotent (days are applied in date order).
 */
export interface CountryTotals {
  country_code: string;
  total_selections: number;
  days_selected: number;
  peak_day: KstDate | null;
  peak_selections: number;
  best_rank: number | null;
  first_selected_on: KstDate | null;
  last_selected_on: KstDate | null;
  through: KstDate;
}

export interface DayResult {
  date: KstDate;
  count: number;
  rank: number;
}

/** The totals after one more archived day, or undefined when that day (or a later one) is already in. */
export const applyDay = (
  current: CountryTotals | undefined,
  countryCode: string,
  day: DayResult,
): CountryTotals | undefined => {
  if (current && current.through >= day.date) return undefined;
  const base: CountryTotals = current ?? {
    country_code: countryCode,
    total_selections: 0,
    days_selected: 0,
    peak_day: null,
    peak_selections: 0,
    best_rank: null,
    first_selected_on: null,
    last_selected_on: null,
    through: day.date,
  };
  const selected = day.count > 0;
  const newPeak = day.count > base.peak_selections;
  return {
    ...base,
    total_selections: base.total_selections + day.count,
    days_selected: base.days_selected + (selected ? 1 : 0),
    peak_day: newPeak ? day.date : base.peak_day,
    peak_selections: newPeak ? day.count : base.peak_selections,
    best_rank: selected ? Math.min(base.best_rank ?? day.rank, day.rank) : base.best_rank,
    first_selected_on: base.first_selected_on ?? (selected ? day.date : null),
    last_selected_on: selected ? day.date : base.last_selected_on,
    through: day.date,
  };
};
