import type { KstDate } from "@trip/shared";
import { periodWindow, previousPeriodWindow, type RankingPeriod } from "./kst-windows.ts";
import { buildRanking, type Counts, type RankingEntry, sumCounts, totalOf } from "./ranking.ts";

/** `snapshot:{period}` in `rankings`: what `GET /api/v1/rankings` serves until the next recomputation. */
export interface RankingSnapshot {
  period: RankingPeriod;
  date_range: { from: KstDate; to: KstDate };
  total_selections: number;
  computed_at: string;
  /** The whole ranking; pages are cut from it at read time. */
  ranking: RankingEntry[];
}

/**
 * A period's snapshot on `today` from per-day counts (`countsOn` answers `{}` for a day without data).
 * @example buildSnapshot("weekly", "2026-11-27", (d) => days.get(d) ?? {}, now)
 */
export const buildSnapshot = (
  period: RankingPeriod,
  today: KstDate,
  countsOn: (date: KstDate) => Counts,
  computedAt: Date,
): RankingSnapshot => {
  const window = periodWindow(period, today);
  const current = sumCounts(window.dates.map(countsOn));
  const previous = sumCounts(previousPeriodWindow(period, today).dates.map(countsOn));
  return {
    period,
    date_range: { from: window.from, to: window.to },
    total_selections: totalOf(current),
    computed_at: computedAt.toISOString(),
    ranking: buildRanking(current, previous),
  };
};

/**
 * The snapshot as of `today`. A daily snapshot computed before KST midnight belongs to a finished day:
 * the new day's ranking is empty from 00:00:00.000 even if no recomputation has run yet.
 */
export const snapshotAsOf = (snapshot: RankingSnapshot, today: KstDate): RankingSnapshot =>
  snapshot.period === "daily" && snapshot.date_range.to !== today
    ? { ...snapshot, date_range: { from: today, to: today }, total_selections: 0, ranking: [] }
    : snapshot;
