import { dayRanges } from "@trip/history/src/domain/day-ranges.ts";
import type { AnalysisStore, RateHistoryStore } from "@trip/history/src/use-cases/ports.ts";
import { type Clock, type KstDate, kstDateOf, kstDayRange } from "@trip/shared";
import type { TargetStore } from "../adapters/target-store.ts";
import { type ImportedDay, type ImportedRate, planImport, type Skip } from "../domain/plan-import.ts";
import { emptyCounts, type ImportSummary, tally } from "../domain/summary.ts";
import { dailyMismatches } from "../domain/verify-daily.ts";
import type { DumpContents } from "./read-dump.ts";

export interface ImportDeps {
  target: TargetStore;
  /** history-service's own readers and aggregation statement: daily_stats is produced as it produces it. */
  history: RateHistoryStore;
  analysis: AnalysisStore;
  clock: Clock;
  progress: (line: string) => void;
}

export interface ImportOptions {
  batchSize: number;
  dryRun: boolean;
}

const chunks = <T>(rows: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

const byCode = <T extends { code: string }>(rows: readonly T[]) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.code);
    if (group) group.push(row);
    else groups.set(row.code, [row]);
  }
  return groups;
};

/** Writes the rates batch by batch (one statement each); rows already stored are counted, not rewritten. */
const writeRates = async (deps: ImportDeps, options: ImportOptions, rates: readonly ImportedRate[]) => {
  const skipped: Skip[] = [];
  /** KST days per currency that get new rows (a dry run's days to aggregate). */
  const freshDays = new Map<string, Set<KstDate>>();
  let imported = 0;
  let done = 0;
  for (const [code, rows] of byCode(rates)) {
    rows.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
    for (const batch of chunks(rows, options.batchSize)) {
      const first = batch[0]?.observedAt as Date;
      const last = batch.at(-1)?.observedAt as Date;
      const present = await deps.target.importedInstants(code, first, last);
      const fresh = batch.filter((row) => !present.has(row.observedAt.getTime()));
      const days = freshDays.get(code) ?? new Set<KstDate>();
      for (const row of fresh) days.add(kstDateOf(row.observedAt));
      freshDays.set(code, days);
      for (const row of batch) {
        if (present.has(row.observedAt.getTime())) {
          skipped.push({
            table: "exchange_rate_history",
            id: row.legacyId,
            reason: "already-imported",
            detail: `${code} at ${row.observedAt.toISOString()} is already in exchange_rates`,
          });
        }
      }
      const written = options.dryRun ? fresh.length : await deps.target.insertRates(fresh);
      imported += written;
      // A row another writer stored between the check and the insert: present, so not imported twice.
      for (const row of fresh.slice(written)) {
        skipped.push({
          table: "exchange_rate_history",
          id: row.legacyId,
          reason: "already-imported",
          detail: `${code} stored concurrently`,
        });
      }
      done += batch.length;
      deps.progress(
        `exchange_rates: ${done}/${rates.length} rows (${Math.round((100 * done) / rates.length)}%), ${imported} new`,
      );
    }
  }
  return { imported, skipped, freshDays };
};

/** The KST days of each currency that have imported rates, as first..last spans. */
const rateSpans = (rates: readonly ImportedRate[]) =>
  [...byCode(rates)].map(([code, rows]) => {
    const days = rows.map((row) => kstDateOf(row.observedAt)).sort();
    return { code, first: days[0] as KstDate, last: days.at(-1) as KstDate };
  });

/**
 * Makes daily_stats equal the aggregation of exchange_rates over the imported days: compares them,
 * re-aggregates the days that differ with history-service's statement, then compares again.
 */
const aggregateDays = async (
  deps: ImportDeps,
  options: ImportOptions,
  rates: readonly ImportedRate[],
  freshDays: ReadonlyMap<string, ReadonlySet<KstDate>>,
) => {
  let aggregated = 0;
  let verified = 0;
  let mismatched = 0;
  for (const { code, first, last } of rateSpans(rates)) {
    const compare = async () =>
      dailyMismatches(
        await deps.history.rawDailyBars(code, kstDayRange(first).start, kstDayRange(last).end),
        await deps.history.dailyStatsBars(code, first, last),
      );
    let check = await compare();
    if (options.dryRun) {
      // Nothing was written: the days to aggregate are those that differ now plus those getting rows.
      const toAggregate = new Set([...check.mismatched, ...(freshDays.get(code) ?? [])]);
      check = { matched: check.matched, mismatched: [...toAggregate] };
    } else if (check.mismatched.length > 0) {
      for (const range of dayRanges(check.mismatched)) {
        await deps.analysis.aggregateDays(code, range, deps.clock.now());
      }
      aggregated += check.mismatched.length;
      check = await compare();
    }
    verified += check.matched;
    mismatched += check.mismatched.length;
    deps.progress(`daily_stats: ${code} ${first}..${last} checked`);
  }
  return { aggregated, verified, mismatched };
};

/** Daily rows of days without rates: written unless the day already has a daily_stats row. */
const writeDays = async (deps: ImportDeps, options: ImportOptions, days: readonly ImportedDay[]) => {
  const skipped: Skip[] = [];
  let imported = 0;
  for (const [code, rows] of byCode(days)) {
    const dates = rows.map((row) => row.date).sort();
    const present = await deps.target.aggregatedDays(code, dates[0] as KstDate, dates.at(-1) as KstDate);
    const fresh = rows.filter((row) => !present.has(row.date));
    for (const row of rows) {
      if (present.has(row.date)) {
        skipped.push({
          table: "daily_exchange_rates",
          id: row.legacyId,
          reason: "day-already-aggregated",
          detail: `${code} ${row.date} already has a daily_stats row`,
        });
      }
    }
    for (const batch of chunks(fresh, options.batchSize)) {
      imported += options.dryRun ? batch.length : await deps.target.insertDays(batch, deps.clock.now());
    }
  }
  deps.progress(`daily_stats: ${imported} days without rates written from daily_exchange_rates`);
  return { imported, skipped };
};

/**
 * The import after the dump has been read and checked: plan (pure, whole, before any write), rates,
 * daily_stats from them, then the days the old database only knew as daily rows.
 */
export const runImport = async (
  deps: ImportDeps,
  options: ImportOptions,
  contents: DumpContents,
  startedAt: Date,
): Promise<ImportSummary> => {
  const plan = planImport(contents.history, contents.daily, await deps.target.storedRates());
  const summary: ImportSummary = {
    dryRun: options.dryRun,
    tables: { exchange_rate_history: emptyCounts(), daily_exchange_rates: emptyCounts() },
    examples: [],
    units: {},
    dailyStats: { aggregated: 0, verified: 0, mismatched: 0 },
    seconds: 0,
  };
  summary.tables.exchange_rate_history.read = contents.read.exchange_rate_history;
  summary.tables.daily_exchange_rates.read = contents.read.daily_exchange_rates;
  for (const anchor of plan.anchors) {
    const units = plan.units[anchor.code] ?? { per1: 0, per100: 0 };
    summary.units[anchor.code] = { ...units, anchor: anchor.perUnit, basis: anchor.basis };
  }
  tally(
    summary,
    [...contents.rejected, ...plan.rejected].map((row) => ({ outcome: "rejected", row })),
  );
  tally(
    summary,
    plan.skipped.map((row) => ({ outcome: "skipped", row })),
  );

  const rates = await writeRates(deps, options, plan.rates);
  summary.tables.exchange_rate_history.imported = rates.imported;
  tally(
    summary,
    rates.skipped.map((row) => ({ outcome: "skipped", row })),
  );

  summary.dailyStats = await aggregateDays(deps, options, plan.rates, rates.freshDays);

  const days = await writeDays(deps, options, plan.days);
  summary.tables.daily_exchange_rates.imported = days.imported;
  tally(
    summary,
    days.skipped.map((row) => ({ outcome: "skipped", row })),
  );

  summary.seconds = (deps.clock.now().getTime() - startedAt.getTime()) / 1000;
  return summary;
};
