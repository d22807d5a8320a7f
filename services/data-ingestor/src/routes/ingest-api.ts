import { CRON_BINDINGS, guardStore } from "@trip/shared";
import type { FailureSource } from "../domain/ingest-run.ts";
import { nextScheduledRun } from "../domain/tick-key.ts";
import type { IngestionDeps } from "../use-cases/ports.ts";
import { runBackfill } from "../use-cases/run-backfill.ts";
import { runManualIngestion } from "../use-cases/run-ingestion.ts";
import {
  type BackfillResultJson,
  type IngestRunJson,
  type IngestStatusJson,
  runJson,
} from "./ingest-schemas.ts";

/** What the HTTP routes need from the ingestor: its status, a run now, a backfill. */
export interface IngestApi {
  status(): Promise<IngestStatusJson>;
  runNow(): Promise<{ run: IngestRunJson; failure?: FailureSource }>;
  backfill(days: number): Promise<{ result: BackfillResultJson; failure?: FailureSource }>;
}

/** A sidecar failure outside a run (reading or claiming `ingest_runs`) is the database being unavailable. */
const storageUnavailable = <T>(work: () => Promise<T>): Promise<T> =>
  guardStore("database", "The run store is not reachable", work);

const readStatus = async (deps: IngestionDeps): Promise<IngestStatusJson> => {
  const [last, lastCron, lastSuccess, totals] = await Promise.all([
    deps.runs.latest(),
    deps.runs.latest("cron"),
    deps.runs.latestSuccess(),
    deps.runs.totals(),
  ]);
  const { intervalSeconds } = deps.settings;
  return {
    provider: deps.source.provider,
    schedule: { binding: CRON_BINDINGS.ingest, interval_seconds: intervalSeconds },
    last_run: last ? runJson(last) : null,
    last_success_at: lastSuccess ? (lastSuccess.finishedAt ?? lastSuccess.startedAt).toISOString() : null,
    next_scheduled_run: nextScheduledRun(
      deps.clock.now(),
      lastCron?.startedAt,
      intervalSeconds,
    ).toISOString(),
    totals: {
      runs: totals.runs,
      ...totals.byStatus,
      rows_inserted: totals.rowsInserted,
      rows_skipped: totals.rowsSkipped,
      rows_rejected: totals.rowsRejected,
    },
  };
};

export const createIngestApi = (deps: IngestionDeps): IngestApi => ({
  status: () => storageUnavailable(() => readStatus(deps)),
  runNow: () =>
    storageUnavailable(async () => {
      const outcome = await runManualIngestion(deps);
      return { run: runJson(outcome.run), ...(outcome.failure ? { failure: outcome.failure } : {}) };
    }),
  backfill: (days) =>
    storageUnavailable(async () => {
      const outcome = await runBackfill(deps, days);
      const result = {
        run: runJson(outcome.run),
        from: outcome.from,
        to: outcome.to,
        business_days: outcome.businessDays,
        currencies: outcome.currencies,
      };
      return { result, ...(outcome.failure ? { failure: outcome.failure } : {}) };
    }),
});
