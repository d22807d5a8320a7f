import {
  type Publisher,
  rankingUpdatedEventSchema,
  selectionRecordedEventSchema,
  TOPICS,
} from "@trip/shared";
import type { RankingEvents } from "../use-cases/ports.ts";

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
