import {
  type Publisher,
  type RankingUpdatedEvent,
  rankingUpdatedEventSchema,
  type SelectionRecordedEvent,
  selectionRecordedEventSchema,
  TOPICS,
} from "@trip/shared";

/** The events ranking-service publishes, validated against the shared schemas before they leave. */
export interface RankingEvents {
  selectionRecorded(event: SelectionRecordedEvent): Promise<void>;
  rankingUpdated(event: RankingUpdatedEvent): Promise<void>;
}

export const rankingEvents = (publisher: Publisher): RankingEvents => ({
  async selectionRecorded(event) {
    const data = selectionRecordedEventSchema.parse(event);
    await publisher.publish(TOPICS.selectionRecorded, data, { partitionKey: data.country_code });
  },
  async rankingUpdated(event) {
    const data = rankingUpdatedEventSchema.parse(event);
    await publisher.publish(TOPICS.rankingUpdated, data, { partitionKey: data.period });
  },
});
