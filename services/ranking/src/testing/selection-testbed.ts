import type { Clock } from "@trip/shared";
import { inMemoryStateStore } from "@trip/shared/testing";
import { rankingEvents } from "../adapters/ranking-events.ts";
import { selectionLogStore } from "../adapters/selection-log-store.ts";
import { LOG_SHARDS } from "../domain/selection-log.ts";
import { countsOfTallies } from "../domain/tally.ts";
import { type AggregatorDeps, aggregateDay } from "../use-cases/aggregate-log.ts";
import { createLogAppender } from "../use-cases/log-appender.ts";
import { createSelectionRecorder, type SelectionInput } from "../use-cases/record-selection.ts";
import { recordingPublisher } from "./fakes.ts";

/** The write path and the aggregator on one in-memory `daily-selections` store. */
export const selectionTestbed = (
  clock: Clock,
  backing = inMemoryStateStore(),
  publisher = recordingPublisher(),
) => {
  const store = selectionLogStore(backing, { selectionSeconds: 0, logSeconds: 0 });
  /** A replica's writer: its own appender (own lanes and hints) on the shared store. */
  const replica = (random?: () => number) =>
    createSelectionRecorder({
      store,
      clock,
      appender: createLogAppender({
        store,
        clock,
        shards: LOG_SHARDS,
        maxBatch: 50,
        ...(random ? { random } : {}),
      }),
    });
  const aggregator: AggregatorDeps = { store, events: rankingEvents(publisher), shards: LOG_SHARDS };
  const countDay = async (date: string) => countsOfTallies(await aggregateDay(aggregator, date));
  return { backing, store, publisher, replica, aggregator, countDay };
};

export const selectionOf = (country_code: string, selection_id?: string): SelectionInput => ({
  country_code,
  currency_code: "XXX",
  user_hash: null,
  session_id: null,
  referrer: null,
  ...(selection_id ? { selection_id } : {}),
});
