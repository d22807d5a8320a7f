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
  /** One bulk publish per call; keep batches to a few hundred. */
  selectionsRecorded(events: readonly SelectionRecordedEvent[]): Promise<void>;
  rankingUpdated(event: RankingUpdatedEvent): Promise<void>;
}

export const rankingEvents = (publisher: Publisher): RankingEvents => ({
  async selectionsRecorded(events) {
    await publisher.publishMany(
      TOPICS.selectionRecorded,
      events.map((event) => {
        const data = selectionRecordedEventSchema.parse(event);
        return { data, metadata: { partitionKey: data.country_code } };
      }),
    );
  },
  async rankingUpdated(event) {
    const data = rankingUpdatedEventSchema.parse(event);
    await publisher.publish(TOPICS.rankingUpdated, data, { partitionKey: data.period });
  },
});
