import {
  type AnySubscription,
  COMPONENTS,
  type Logger,
  type MetricsRegistry,
  ratesUpdatedEventSchema,
  selectionRecordedEventSchema,
  subscription,
  TOPICS,
} from "@trip/shared";
import type { SelectionStore } from "../use-cases/ports.ts";
import type { QueryCache } from "../use-cases/query-cache.ts";

/**
 * - `exchange-rates.updated`: new rates make every cached answer stale → drop them all.
 * - `ranking.selection-recorded`: into `user_selections`, idempotent on `selection_id` (a redelivery is
 *   counted as a duplicate and acknowledged). A database failure throws → RETRY.
 */
export const historySubscriptions = (deps: {
  cache: QueryCache;
  selections: SelectionStore;
  log: Logger;
  metrics: MetricsRegistry;
}): AnySubscription[] => {
  const recorded = deps.metrics.counter(
    "history_selections_recorded_total",
    "ranking.selection-recorded events stored (inserted) or recognised as redeliveries (duplicate)",
  );
  return [
    subscription({
      pubsubName: COMPONENTS.pubsub,
      topic: TOPICS.ratesUpdated,
      route: "/events/rates-updated",
      schema: ratesUpdatedEventSchema,
      handle: async (event) => {
        deps.cache.clear();
        deps.log.debug("rates updated; query cache cleared", { batch_id: event.batch_id });
        return "SUCCESS";
      },
    }),
    subscription({
      pubsubName: COMPONENTS.pubsub,
      topic: TOPICS.selectionRecorded,
      route: "/events/selection-recorded",
      schema: selectionRecordedEventSchema,
      handle: async (event) => {
        const outcome = await deps.selections.record(event);
        recorded.inc({ outcome });
        return "SUCCESS";
      },
    }),
  ];
};
