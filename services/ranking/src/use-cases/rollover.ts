import { addKstDays, type Clock, type KstDate, kstDateOf, type Logger } from "@trip/shared";
import { type ArchivedDay, archivedDayOf } from "../domain/archived-day.ts";
import { applyDay } from "../domain/country-totals.ts";
import { planRollover } from "../domain/rollover-plan.ts";
import { countsOfTallies } from "../domain/tally.ts";
import { type AggregatorDeps, aggregateShard } from "./aggregate-log.ts";
import type { CountryStatsStore, JobLock, SelectionLogStore } from "./ports.ts";
import { sealDay } from "./seal-day.ts";

export interface RolloverDeps {
  aggregator: AggregatorDeps;
  store: SelectionLogStore;
  countryStats: CountryStatsStore;
  locks: JobLock;
  clock: Clock;
  log: Logger;
  maxCatchUpDays: number;
  onArchived?: (date: KstDate) => void;
}

export type RolloverOutcome = { outcome: "busy" } | { outcome: "done"; archived: KstDate[] };

const ROLLOVER_LOCK = "ranking-rollover";
const ROLLOVER_LOCK_SECONDS = 300;

/** Adds a day to each country's cumulative totals; a country already past that day is left alone. */
const applyToCountryTotals = async (deps: RolloverDeps, day: ArchivedDay): Promise<void> => {
  for (const { country_code, count, rank } of day.countries) {
    for (;;) {
      const current = await deps.countryStats.getTotals(country_code);
      const next = applyDay(current?.value, country_code, { date: day.date, count, rank });
      if (!next || (await deps.countryStats.saveTotals(next, current?.etag))) break;
    }
  }
};

/** Seal → count to the seal → archive (first-write) → cumulative totals. Each step is idempotent. */
const archiveDay = async (deps: RolloverDeps, date: KstDate): Promise<void> => {
  const { shards } = deps.aggregator;
  await sealDay(deps.store, deps.clock, date, shards);
  const tallies = await Promise.all(
    Array.from({ length: shards }, (_, shard) => aggregateShard(deps.aggregator, date, shard)),
  );
  if (tallies.some((t) => !t.sealed)) throw new Error(`day ${date} did not drain to its seal`);
  const computed = archivedDayOf(date, countsOfTallies(tallies), deps.clock.now());
  const outcome = await deps.store.createArchivedDay(computed);
  // A day archived before (an earlier run that crashed later on) keeps its first archive.
  const day = outcome.created ? computed : outcome.existing;
  await applyToCountryTotals(deps, day);
  if (outcome.created) deps.onArchived?.(date);
};

/**
 * The KST day rollover (cron-midnight-kst, at start, and whenever a recomputation finds days behind):
 * archives every finished day after `rollover.last_archived`, oldest first, moving the marker after each.
 * One replica at a time (lock); running it again changes nothing.
 */
export const runRollover = async (deps: RolloverDeps): Promise<RolloverOutcome> => {
  const result = await deps.locks.runExclusive(ROLLOVER_LOCK, ROLLOVER_LOCK_SECONDS, async () => {
    const now = deps.clock.now();
    const today = kstDateOf(now);
    let state = await deps.countryStats.getRolloverState();
    if (!state) {
      // First start of this installation: nothing before today was ever counted here.
      const first = { last_archived: addKstDays(today, -1), updated_at: now.toISOString() };
      await deps.countryStats.saveRolloverState(first, undefined);
      state = await deps.countryStats.getRolloverState();
      if (!state) throw new Error("rollover state could not be created");
    }
    const plan = planRollover(state.value.last_archived, today, deps.maxCatchUpDays);
    if (plan.skipped.length > 0)
      deps.log.warn("days too old to archive were skipped", {
        from: plan.skipped[0],
        to: plan.skipped.at(-1),
      });
    for (const date of plan.archive) {
      await archiveDay(deps, date);
      const saved = await deps.countryStats.saveRolloverState(
        { last_archived: date, updated_at: deps.clock.now().toISOString() },
        state.etag,
      );
      state = await deps.countryStats.getRolloverState();
      if (!saved && (!state || state.value.last_archived < date))
        throw new Error(`rollover state moved unexpectedly while archiving ${date}`);
      if (!state) throw new Error("rollover state disappeared");
      deps.log.info("day archived", { date });
    }
    return plan.archive;
  });
  return result.ran ? { outcome: "done", archived: result.value } : { outcome: "busy" };
};
