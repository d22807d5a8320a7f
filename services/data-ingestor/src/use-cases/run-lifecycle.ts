import type { Logger } from "@trip/shared";
import type { ProviderName } from "../config.ts";
import { type IngestRun, newRun, type RunOutcome, type RunTrigger } from "../domain/ingest-run.ts";
import { describeFailure } from "./describe-failure.ts";
import type { IngestionDeps } from "./ports.ts";

/** One lock for every kind of run, so a manual run, a backfill and a tick never interleave. */
export const RUN_LOCK_RESOURCE = "data-ingestor:ingest";
const LOCK_RETRY_MS = 250;

type Release = () => Promise<void>;

/**
 * Waits up to `lockWaitMs` for the run lock. A lock store that cannot be reached does not stop the run:
 * the tick key already made it the only scheduled run of its tick, and every write is idempotent.
 */
const acquireRunLock = async (
  deps: IngestionDeps,
  owner: string,
  ttlSeconds: number,
  log: Logger,
): Promise<Release | "busy"> => {
  const attempts = Math.max(1, Math.ceil(deps.settings.lockWaitMs / LOCK_RETRY_MS));
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const release = await deps.lock.acquire(RUN_LOCK_RESOURCE, owner, ttlSeconds);
      if (release) return release;
    } catch (err) {
      log.warn("lock store unavailable; running without the lock", { err });
      return async () => {};
    }
    if (attempt < attempts) await deps.sleep(LOCK_RETRY_MS);
  }
  return "busy";
};

export interface LifecycleOptions {
  trigger: RunTrigger;
  tickKey: string | null;
  provider: ProviderName;
  lockTtlSeconds: number;
}

/**
 * Claims the run row (the tick key decides between replicas), takes the lock, does `work`, and records
 * how it ended — a thrown error becomes a `failed` run, never a half-written one. Resolves to undefined
 * when another replica already owns this tick.
 */
export const runWithLifecycle = async (
  deps: IngestionDeps,
  options: LifecycleOptions,
  work: (run: IngestRun, log: Logger) => Promise<RunOutcome>,
): Promise<RunOutcome | undefined> => {
  const { trigger, tickKey, provider } = options;
  const run = newRun({ runId: deps.newId(), tickKey, trigger, provider, startedAt: deps.clock.now() });
  const log = deps.log.child({ run_id: run.runId, trigger });
  if (!(await deps.runs.claim(run))) {
    deps.metrics.runFinished("deduplicated", trigger);
    log.info("tick already taken by another replica", { tick_key: tickKey });
    return undefined;
  }
  let outcome: RunOutcome;
  const lock = await acquireRunLock(deps, run.runId, options.lockTtlSeconds, log);
  if (lock === "busy") {
    outcome = { run: { ...run, status: "skipped", note: "another run held the ingestion lock" } };
  } else {
    try {
      outcome = await work(run, log);
    } catch (err) {
      const failure = describeFailure(err);
      log.error("run failed; stored data left as it was", { err, error: failure.message });
      outcome = { run: { ...run, status: "failed", error: failure.message }, failure: failure.source };
    } finally {
      await lock().catch((err: unknown) => log.warn("lock not released; it expires on its own", { err }));
    }
  }
  const finished: IngestRun = { ...outcome.run, finishedAt: deps.clock.now() };
  await deps.runs.finish(finished).catch((err: unknown) => log.error("run record not updated", { err }));
  deps.metrics.runFinished(finished.status, trigger);
  if (finished.inserted > 0) deps.metrics.rowsInserted(finished.inserted, trigger);
  const { status, fetched, inserted, skipped, rejected, error, note } = finished;
  log.info("run finished", { status, provider, fetched, inserted, skipped, rejected, error, note });
  return { ...outcome, run: finished };
};
