import { CRON_BINDINGS, type Logger } from "@trip/shared";
import { cleanQuotes } from "../domain/clean-quotes.ts";
import { batchIdOf, type IngestRun, type RunOutcome } from "../domain/ingest-run.ts";
import { cacheUpdate, rateRows, ratesUpdatedEvent, type StoredBatch } from "../domain/rates-publication.ts";
import { tickKeyOf } from "../domain/tick-key.ts";
import { describeFailure } from "./describe-failure.ts";
import type { IngestionDeps } from "./ports.ts";
import { reportRejections } from "./report-rejections.ts";
import { republishPending } from "./republish-events.ts";
import { runWithLifecycle } from "./run-lifecycle.ts";

const RUN_LOCK_TTL_SECONDS = 60;

/** Cache and event after the rows are stored: a failure here makes the run `partial`, never undoes rows. */
const publishBatch = async (deps: IngestionDeps, batch: StoredBatch, log: Logger) => {
  const problems: string[] = [];
  try {
    const previous = await deps.cache.readLatest().catch((err: unknown) => {
      log.warn("rates:latest unreadable; writing a fresh snapshot", { err });
      return undefined;
    });
    const keepSince = new Date(deps.clock.now().getTime() - deps.settings.cacheTtlSeconds * 1000);
    const update = cacheUpdate(batch, previous, keepSince);
    if (update) await deps.cache.write(update.rates, update.latest, deps.settings.cacheTtlSeconds);
    else log.warn("cache holds later observations of every rate; left as it is");
  } catch (err) {
    log.error("cache not written", { err });
    problems.push(`cache not written: ${describeFailure(err).message}`);
  }
  let published = false;
  try {
    await deps.events.publish(ratesUpdatedEvent(batch));
    published = true;
  } catch (err) {
    log.error("exchange-rates.updated not published", { err });
    problems.push(`event not published: ${describeFailure(err).message}`);
  }
  return { published, problems };
};

/**
 * Events earlier runs could not publish go first (a failure here never stops this run), then
 * fetch → validate → clean → insert → cache → publish, for one run already claimed and locked.
 */
const ingestLatest = async (deps: IngestionDeps, run: IngestRun, log: Logger): Promise<RunOutcome> => {
  await republishPending(deps, log).catch((err: unknown) =>
    log.warn("unpublished events not checked; the next run checks again", { err }),
  );
  const snapshot = await deps.source.latest();
  const collectedAt = deps.clock.now();
  const seen: IngestRun = { ...run, fetched: snapshot.quotes.length, observedAt: snapshot.observedAt };
  if (snapshot.quotes.length === 0) {
    const note = "the provider published no rates for this moment (non-business day or before its notice)";
    return { run: { ...seen, status: "unchanged", note } };
  }
  const lastRates = await deps.rates.lastRates();
  const cleaned = cleanQuotes(snapshot.quotes, { bandPercent: deps.settings.bandPercent, lastRates });
  reportRejections(cleaned.rejected, log, deps.metrics, snapshot.observedAt);
  const checked: IngestRun = { ...seen, rejected: cleaned.rejected.length };
  if (cleaned.accepted.length === 0) {
    const error = `no usable rate in the provider's answer (${cleaned.rejected.length} rejected)`;
    return { run: { ...checked, status: "failed", error }, failure: "provider" };
  }
  const batch: StoredBatch = {
    batchId: batchIdOf(snapshot.provider, snapshot.observedAt),
    provider: snapshot.provider,
    observedAt: snapshot.observedAt,
    collectedAt,
    rates: cleaned.accepted,
  };
  const { inserted } = await deps.rates.insert(rateRows(batch));
  const stored: IngestRun = {
    ...checked,
    batchId: batch.batchId,
    inserted,
    skipped: cleaned.accepted.length - inserted,
  };
  if (inserted === 0)
    return { run: { ...stored, status: "unchanged", note: "this snapshot is already stored" } };
  const { published, problems } = await publishBatch(deps, batch, log);
  const status = problems.length > 0 ? "partial" : "succeeded";
  return { run: { ...stored, status, published, error: problems.length > 0 ? problems.join("; ") : null } };
};

/**
 * A scheduled tick: exactly one replica runs it (tick key), the others return undefined. Never throws:
 * the cron route must answer its sidecar whatever happened.
 */
export const runScheduledIngestion = async (deps: IngestionDeps): Promise<RunOutcome | undefined> => {
  const tickKey = tickKeyOf(CRON_BINDINGS.ingest, deps.clock.now(), deps.settings.intervalSeconds);
  try {
    return await runWithLifecycle(
      deps,
      { trigger: "cron", tickKey, provider: deps.source.provider, lockTtlSeconds: RUN_LOCK_TTL_SECONDS },
      (run, log) => ingestLatest(deps, run, log),
    );
  } catch (err) {
    deps.log.error("scheduled ingestion could not be recorded", { err, tick_key: tickKey });
    deps.metrics.runFinished("failed", "cron");
    return undefined;
  }
};

/** `POST /api/v1/ingest/run`: one run now, outside the schedule (throws when the run cannot be recorded). */
export const runManualIngestion = async (deps: IngestionDeps): Promise<RunOutcome> => {
  const outcome = await runWithLifecycle(
    deps,
    {
      trigger: "manual",
      tickKey: null,
      provider: deps.source.provider,
      lockTtlSeconds: RUN_LOCK_TTL_SECONDS,
    },
    (run, log) => ingestLatest(deps, run, log),
  ).catch((err: unknown) => {
    // Not even recorded (the run store is down): still a failed run for the metrics, like a tick.
    deps.metrics.runFinished("failed", "manual");
    throw err;
  });
  if (!outcome) throw new Error("a manual run has no tick key and cannot lose a tick");
  return outcome;
};
