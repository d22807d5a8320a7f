import type { KstDate } from "@trip/shared";
import { type Counts, rankCounts, totalOf } from "./ranking.ts";

/** `day:{date}` in `daily-selections`: a finished KST day's final counts and ranks. Written once. */
export interface ArchivedDay {
  date: KstDate;
  total_selections: number;
  countries: { country_code: string; count: number; rank: number }[];
  archived_at: string;
}

export const archivedDayOf = (date: KstDate, counts: Counts, archivedAt: Date): ArchivedDay => ({
  date,
  total_selections: totalOf(counts),
  countries: rankCounts(counts).map((r) => ({ country_code: r.country_code, count: r.score, rank: r.rank })),
  archived_at: archivedAt.toISOString(),
});

export const countsOfDay = (day: ArchivedDay): Record<string, number> =>
  Object.fromEntries(day.countries.map((c) => [c.country_code, c.count]));
