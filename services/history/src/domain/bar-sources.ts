import { addKstDays, type KstDate, kstDayRange } from "@trip/shared";
import type { Window } from "./periods.ts";

/**
 * Where a window's bars come from:
 * - intraday buckets: raw rows, bucketed in SQL over an index range;
 * - finished KST days: the `daily_stats` aggregates the hourly job maintains;
 * - the last LIVE_DAYS days (today, and yesterday whose late rows the hourly job may not have folded in
 *   yet): raw rows grouped by KST day in SQL.
 */
export type BarQuery =
  | { source: "intraday"; bucketSeconds: number; from: Date; to: Date }
  | { source: "daily-stats"; firstDate: KstDate; lastDate: KstDate }
  | { source: "raw-daily"; from: Date; to: Date };

export const LIVE_DAYS = 2;

export const planBarQueries = (window: Window): BarQuery[] => {
  if (window.kind === "intraday") {
    return [{ source: "intraday", bucketSeconds: window.bucketSeconds, from: window.from, to: window.to }];
  }
  const earliestLive = addKstDays(window.lastDate, -(LIVE_DAYS - 1));
  const liveFrom = window.firstDate > earliestLive ? window.firstDate : earliestLive;
  const live: BarQuery = { source: "raw-daily", from: kstDayRange(liveFrom).start, to: window.to };
  if (liveFrom === window.firstDate) return [live];
  return [{ source: "daily-stats", firstDate: window.firstDate, lastDate: addKstDays(liveFrom, -1) }, live];
};
