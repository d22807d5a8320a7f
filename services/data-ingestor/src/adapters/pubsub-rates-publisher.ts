import { type Publisher, TOPICS } from "@trip/shared";
import type { RatesEventPublisher } from "../use-cases/ports.ts";

/**
 * One partition key for every rate event: consumers see batches in the order they were stored (Kafka
 * orders within a partition only).
 */
export const RATES_PARTITION_KEY = "exchange-rates";

export const pubsubRatesPublisher = (publisher: Publisher): RatesEventPublisher => ({
  publish: (event) => publisher.publish(TOPICS.ratesUpdated, event, { partitionKey: RATES_PARTITION_KEY }),
});
