import type { KstDate } from "@trip/shared";

export interface DayRange {
  first: KstDate;
  last: KstDate;
}

const dayNumber = (date: KstDate): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * Groups the KST days whose rows changed into few ranges to re-aggregate: days at most `maxGapDays`
 * apart share a range (re-aggregating a day without rows is harmless: it has no group), and no range
 * spans more than `maxSpanDays`, so each statement stays small.
 * @example dayRanges(["2026-11-02", "2026-11-03", "2026-11-30"], 7, 31) // [{11-02..11-03}, {11-30..11-30}]
 */
export const dayRanges = (dates: readonly KstDate[], maxGapDays = 7, maxSpanDays = 31): DayRange[] => {
  const sorted = [...new Set(dates)].sort();
  const ranges: DayRange[] = [];
  for (const date of sorted) {
    const current = ranges.at(-1);
    const fits =
      current !== undefined &&
      dayNumber(date) - dayNumber(current.last) <= maxGapDays &&
      dayNumber(date) - dayNumber(current.first) < maxSpanDays;
    if (current && fits) current.last = date;
    else ranges.push({ first: date, last: date });
  }
  return ranges;
};
