import { COMPONENTS, type Logger, ratesUpdatedEventSchema, subscription, TOPICS } from "@trip/shared";
import type { RatesPort } from "../use-cases/ports.ts";

/**
 * `exchange-rates.updated` → the in-process book, so a new ingestion is served as soon as it is
 * delivered. Redelivery and out-of-order batches are harmless (idempotent on batch_id; older quotes
 * never replace newer ones), so every well-formed event is SUCCESS; malformed ones are dropped to the
 * dead-letter topic by the shared delivery code.
 */
export const ratesUpdatedSubscription = (rates: RatesPort, log: Logger) =>
  subscription({
    pubsubName: COMPONENTS.pubsub,
    topic: TOPICS.ratesUpdated,
    route: "/events/exchange-rates-updated",
    schema: ratesUpdatedEventSchema,
    handle: async (event, meta) => {
      const outcome = rates.applyEvent(event);
      log.info("exchange-rates.updated received", { batch_id: event.batch_id, event_id: meta.id, outcome });
      return "SUCCESS";
    },
  });
