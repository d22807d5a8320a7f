import { describe, expect, test } from "bun:test";
import {
  appUrl,
  fxSandboxUrl,
  getJson,
  kafkaTool,
  mariadbQuery,
  secretValue,
  waitFor,
} from "./support/cluster.ts";

const RATES_TOPIC = "exchange-rates.updated";

/** Offsets of a consumer group per partition of a topic, from kafka-consumer-groups.sh --describe. */
type PartitionOffsets = { partition: number; current: number; end: number };
const groupOffsets = (group: string, topic: string): PartitionOffsets[] =>
  kafkaTool("kafka-consumer-groups.sh", ["--describe", "--group", group])
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
    .filter((columns) => columns[0] === group && columns[1] === topic)
    .map((columns) => ({
      partition: Number(columns[2]),
      current: Number(columns[3]),
      end: Number(columns[4]),
    }));
const sum = (offsets: PartitionOffsets[], key: "current" | "end") =>
  offsets.reduce((total, offset) => total + (Number.isFinite(offset[key]) ? offset[key] : 0), 0);

describe("events through the in-cluster Kafka", () => {
  test(
    "an ingestion publishes exchange-rates.updated; currency-service and history-service consume it from Kafka",
    async () => {
      const consumers = ["currency-service", "history-service"];
      const before = Object.fromEntries(consumers.map((group) => [group, groupOffsets(group, RATES_TOPIC)]));
      for (const group of consumers) expect(before[group]?.length ?? 0).toBeGreaterThan(0);
      const endBefore = sum(before["currency-service"] ?? [], "end");

      // The sandbox publishes a new snapshot every 2-minute step: move its market one step on, so this
      // run stores (and publishes) something whatever the cron did just before.
      const advanced = await fetch(`${fxSandboxUrl()}/__clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advanceMs: 120_000 }),
      });
      expect(advanced.status).toBe(200);
      const { status, body } = await getJson(`${appUrl("data-ingestor")}/api/v1/ingest/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${secretValue("admin-token", "admin-token")}` },
      });
      expect(status).toBe(200);
      const run = body.data;
      expect(run).toMatchObject({ trigger: "manual", published: true });
      expect(run.inserted).toBeGreaterThan(0);

      // Both consumer groups (the app ids) catch up with a log end that grew by this run's event.
      for (const group of consumers) {
        await waitFor(
          `${group} to consume the new ${RATES_TOPIC} event`,
          () => {
            const offsets = groupOffsets(group, RATES_TOPIC);
            return sum(offsets, "end") > endBefore && sum(offsets, "current") === sum(offsets, "end");
          },
          { timeoutMs: 30_000 },
        );
      }

      // The event on the topic is this run's batch.
      const grown = groupOffsets("currency-service", RATES_TOPIC).find(
        (offset) =>
          offset.end > (before["currency-service"]?.find((b) => b.partition === offset.partition)?.end ?? 0),
      );
      expect(grown).toBeDefined();
      const message = kafkaTool("kafka-console-consumer.sh", [
        "--topic",
        RATES_TOPIC,
        "--partition",
        String(grown?.partition),
        "--offset",
        String((grown?.end ?? 1) - 1),
        "--max-messages",
        "1",
        "--timeout-ms",
        "20000",
      ]);
      expect(message).toContain(run.batch_id);

      // currency-service serves the new snapshot (its in-process book follows the event).
      await waitFor(
        "currency-service to serve the run's rates",
        async () => {
          const latest = await getJson(`${appUrl("currency-service")}/api/v1/currencies/latest?symbols=USD`);
          return (
            latest.status === 200 && new Date(latest.body.data.last_updated) >= new Date(run.observed_at)
          );
        },
        { timeoutMs: 10_000, intervalMs: 500 },
      );
    },
    { timeout: 120_000 },
  );

  test(
    "a selection recorded by ranking-service reaches history-service's user_selections through Kafka",
    async () => {
      const selectionId = `cluster-${crypto.randomUUID()}`;
      const { status, body } = await getJson(`${appUrl("web")}/api/v1/rankings/selections`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ country_code: "JP", selection_id: selectionId, session_id: "cluster-suite" }),
      });
      expect(status).toBe(201);
      expect(body.data.selection_id).toBe(selectionId);
      const rows = await waitFor(
        "the selection in user_selections",
        () => {
          const found = mariadbQuery(
            `SELECT country, kst_date FROM user_selections WHERE selection_id = '${selectionId}'`,
          );
          return found.length > 0 ? found : undefined;
        },
        // ranking-service publishes counted selections when cron-ranking aggregates its log (every minute).
        { timeoutMs: 90_000 },
      );
      expect(rows[0]?.[0]).toBe("JP");
      expect(rows[0]?.[1]).toBe(body.data.date);
    },
    { timeout: 100_000 },
  );
});
