import type { KstDate } from "@trip/shared";
import { backfillRange } from "../domain/backfill-range.ts";
import { type CleanRate, cleanQuotes } from "../domain/clean-quotes.ts";
import { batchIdOf, type RunOutcome } from "../domain/ingest-run.ts";
import { type RateRow, rateRows } from "../domain/rates-publication.ts";
import type { IngestionDeps } from "./ports.ts";
import { reportRejections } from "./report-rejections.ts";
import { runWithLifecycle } from "./run-lifecycle.ts";

const BACKFILL_LOCK_TTL_SECONDS = 300;

export interface BackfillOutcome extends RunOutcome {
  from: KstDate;
  to: KstDate;
  /** Days the provider had a close for (business days). */
  businessDays: number;
  currencies: number;
}

/**
 * Fills daily history: one row per currency per business day of the `days` calendar days ending
 * yesterday (KST), each at its day's close instant. Same cleaning as a run; the jump band compares each
 * day with the previous day of the series. Idempotent: a second backfill inserts nothing. It neither
 * touches the latest-rate cache nor publishes (it is history, not a new latest rate).
 */
export const runBackfill = async (deps: IngestionDeps, days: number): Promise<BackfillOutcome> => {
  const { from, to } = backfillRange(deps.clock.now(), days);
  const counts = { businessDays: 0, currencies: 0 };
  const outcome = await runWithLifecycle(
    deps,
    {
      trigger: "backfill",
      tickKey: null,
      provider: deps.series.provider,
      lockTtlSeconds: BACKFILL_LOCK_TTL_SECONDS,
    },
    async (run, log) => {
      const snapshots = await deps.series.dailySeries(from, to);
      const collectedAt = deps.clock.now();
      let previous = new Map<string, number>();
      const rows: RateRow[] = [];
      const codes = new Set<string>();
      let fetched = 0;
      let rejected = 0;
      for (const day of snapshots) {
        const cleaned = cleanQuotes(day.quotes, {
          bandPercent: deps.settings.bandPercent,
          lastRates: previous,
        });
        reportRejections(cleaned.rejected, log, deps.metrics, day.observedAt);
        fetched += day.quotes.length;
        rejected += cleaned.rejected.length;
        const batchId = batchIdOf(day.provider, day.observedAt);
        const rates: CleanRate[] = cleaned.accepted;
        rows.push(
          ...rateRows({ batchId, provider: day.provider, observedAt: day.observedAt, collectedAt, rates }),
        );
        previous = new Map([...previous, ...rates.map((r) => [r.code, r.rate] as const)]);
        for (const r of rates) codes.add(r.code);
      }
      counts.businessDays = snapshots.length;
      counts.currencies = codes.size;
      const { inserted } = rows.length > 0 ? await deps.rates.insert(rows) : { inserted: 0 };
      const last = snapshots.at(-1);
      const base = {
        ...run,
        fetched,
        rejected,
        inserted,
        skipped: rows.length - inserted,
        observedAt: last?.observedAt ?? null,
        note: `daily closes ${from}..${to}: ${snapshots.length} business days, ${codes.size} currencies`,
      };
      return { run: { ...base, status: inserted > 0 ? "succeeded" : "unchanged" } };
    },
  );
  if (!outcome) throw new Error("a backfill has no tick key and cannot lose a tick");
  return { ...outcome, from, to, ...counts };
};
