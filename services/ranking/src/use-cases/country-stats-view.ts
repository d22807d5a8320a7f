import type { Country } from "@trip/shared";
import { addKstDays, type Clock, type KstDate, kstDateOf } from "@trip/shared";
import { type ArchivedDay, countsOfDay } from "../domain/archived-day.ts";
import { type DayFigure, periodStatistics } from "../domain/country-period-stats.ts";
import { STATS_PERIOD_DAYS, type StatsPeriod, windowEndingAt } from "../domain/kst-windows.ts";
import { type Counts, rankCounts } from "../domain/ranking.ts";
import { countsOfTallies } from "../domain/tally.ts";
import type { SelectionLogStore } from "./ports.ts";

/** Days not archived yet (today, and yesterday until the rollover ran) are read from their tallies. */
const OPEN_DAYS = 2;

const figureOn = (date: KstDate, counts: Counts, countryCode: string): DayFigure => {
  const ranked = rankCounts(counts).find((r) => r.country_code === countryCode);
  return { date, count: ranked?.score ?? 0, rank: ranked?.rank ?? null };
};

/**
 * `GET /api/v1/rankings/stats/{country_code}`: a country's daily counts and ranks over the last 7/30/90
 * KST days (today included), their statistics, and growth against the period before.
 */
export const readCountryStats = async (
  deps: { store: SelectionLogStore; clock: Clock; shards: number },
  country: Country,
  period: StatsPeriod,
) => {
  const today = kstDateOf(deps.clock.now());
  const days = STATS_PERIOD_DAYS[period];
  const window = windowEndingAt(today, days);
  const previous = windowEndingAt(addKstDays(today, -days), days);
  const archived: Map<KstDate, ArchivedDay> = await deps.store.readArchivedDays([
    ...previous.dates,
    ...window.dates,
  ]);
  const open = new Map<KstDate, Counts>();
  for (const date of window.dates.slice(-OPEN_DAYS))
    if (!archived.has(date)) open.set(date, countsOfTallies(await deps.store.readTallies(date, deps.shards)));
  const countsOn = (date: KstDate): Counts => {
    const day = archived.get(date);
    return day ? countsOfDay(day) : (open.get(date) ?? {});
  };
  const breakdown = window.dates.map((date) => figureOn(date, countsOn(date), country.code));
  const previousTotal = previous.dates.reduce((sum, date) => sum + (countsOn(date)[country.code] ?? 0), 0);
  return {
    country_code: country.code,
    country_name: country.nameKo,
    period,
    statistics: periodStatistics(breakdown, previousTotal),
    daily_breakdown: breakdown,
  };
};
