import type { SidecarTransport } from "./transport.ts";

/** The narrow port for publishing to one pub/sub component. */
export interface Publisher {
  publish(topic: string, data: unknown, metadata?: Record<string, string>): Promise<void>;
  /**
   * Publishes many events to one topic in one sidecar call (Dapr's bulk publish). Not atomic: when any
   * message fails the call throws and some may have been published; retry the lot (consumers dedupe).
   */
  publishMany(topic: string, messages: readonly PublishedMessage[]): Promise<void>;
}

export interface PublishedMessage {
  data: unknown;
  metadata?: Record<string, string>;
}

/**
 * Publishes JSON through Dapr (delivered as a CloudEvent). A failure throws; it is never returned as a value.
 * @example await publisher(transport, "pubsub").publish("exchange-rates.updated", event, { partitionKey: "rates" });
 */
export const publisher = (transport: SidecarTransport, pubsubName: string): Publisher => ({
  async publish(topic, data, metadata = {}) {
    const query = new URLSearchParams(
      Object.entries(metadata).map(([k, v]) => [`metadata.${k}`, v]),
    ).toString();
    const path = `/v1.0/publish/${encodeURIComponent(pubsubName)}/${encodeURIComponent(topic)}`;
    await transport.send(`publish ${pubsubName}/${topic}`, query ? `${path}?${query}` : path, { body: data });
  },
  async publishMany(topic, messages) {
    if (messages.length === 0) return;
    const path = `/v1.0-alpha1/publish/bulk/${encodeURIComponent(pubsubName)}/${encodeURIComponent(topic)}`;
    await transport.send(`bulk publish ${pubsubName}/${topic}`, path, {
      body: messages.map(({ data, metadata }, index) => ({
        entryId: String(index),
        event: data,
        contentType: "application/json",
        ...(metadata ? { metadata } : {}),
      })),
    });
  },
});
