import type { Logger } from "@trip/shared";
import { batchOfRows, ratesUpdatedEvent } from "../domain/rates-publication.ts";
import type { IngestionDeps } from "./ports.ts";

/** How far back a run's unpublished event is still worth publishing (consumers only want fresh rates). */
export const REPUBLISH_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Publishes again the `exchange-rates.updated` events that earlier runs stored rows for but could not
 * publish (the broker was down), oldest first, and marks each run published. Stops at the first
 * failure: the broker is still away and the next run tries again. Every run calls this first, under the
 * run lock, so an outage delays the event by at most one tick. Consumers are idempotent on `batch_id`.
 * @returns how many events were published now, and how many are still waiting.
 */
export const republishPending = async (
  deps: IngestionDeps,
  log: Logger,
): Promise<{ published: number; waiting: number }> => {
  const since = new Date(deps.clock.now().getTime() - REPUBLISH_WINDOW_MS);
  const pending = await deps.runs.unpublished(since);
  let published = 0;
  for (const run of pending) {
    if (run.batchId === null) continue;
    const batch = batchOfRows(await deps.rates.batchRows(run.batchId));
    if (batch === undefined) continue;
    try {
      await deps.events.publish(ratesUpdatedEvent(batch));
    } catch (err) {
      log.warn("exchange-rates.updated still not publishable; next run retries", {
        err,
        batch_id: run.batchId,
      });
      break;
    }
    await deps.runs.markPublished(
      run.runId,
      `event published by a later run at ${deps.clock.now().toISOString()}`,
    );
    log.info("exchange-rates.updated published after an earlier failure", {
      batch_id: run.batchId,
      failed_run_id: run.runId,
    });
    published++;
  }
  return { published, waiting: pending.length - published };
};
