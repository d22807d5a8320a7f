import type { Bar } from "@trip/history/src/domain/bars.ts";

/** The scale of `daily_stats.avg` (DECIMAL(20,8), rounded by the aggregation statement). */
const AVG_TOLERANCE = 1e-8;

const sameDay = (raw: Bar, stored: Bar): boolean =>
  raw.samples === stored.samples &&
  raw.open === stored.open &&
  raw.high === stored.high &&
  raw.low === stored.low &&
  raw.close === stored.close &&
  Math.abs(raw.average - stored.average) <= AVG_TOLERANCE;

/**
 * Compares the aggregation of the raw rows per KST day with the stored daily_stats rows: which days
 * need (re-)aggregating. Days with a daily_stats row but no raw rows are not this check's business
 * (days the old database only held as daily rows).
 * @example dailyMismatches([rawBar("2026-01-02")], []) // { matched: 0, mismatched: ["2026-01-02"] }
 */
export const dailyMismatches = (
  raw: readonly Bar[],
  stored: readonly Bar[],
): { matched: number; mismatched: string[] } => {
  const storedByDay = new Map(stored.map((bar) => [bar.key, bar]));
  const mismatched: string[] = [];
  let matched = 0;
  for (const bar of raw) {
    const day = storedByDay.get(bar.key);
    if (day && sameDay(bar, day)) matched++;
    else mismatched.push(bar.key);
  }
  return { matched, mismatched };
};
