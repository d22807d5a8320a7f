/**
 * The replicas' broker as a subscriber sees it: `pubsub` is Redis Streams on the suite's Redis database
 * (one stream per topic, each entry a `data` field holding the CloudEvent), read with redis-cli.
 */

import { expect } from "bun:test";
import { type RankingUpdatedEvent, rankingUpdatedEventSchema } from "@trip/shared";
import { waitFor } from "../../support/stack.ts";
import { getJson, recomputeNow } from "./clients.ts";
import { type Replica, redisCli } from "./ranking-replicas.ts";

export interface StreamEntry {
  /** Redis stream entry id (`ms-seq`). */
  id: string;
  fields: Record<string, string>;
}

export interface PublishedEvent {
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudEvent envelopes are asserted field by field
  cloudEvent: any;
}

const ENTRY_ID = /^\d+-\d+$/;

/** Entries of a topic's stream after entry `after` (exclusive; from the start without it). */
export const readStream = async (topic: string, after?: string): Promise<StreamEntry[]> => {
  const lines = (await redisCli("--raw", "XRANGE", topic, after ? `(${after}` : "-", "+"))
    .split("\n")
    .filter((line) => line !== "");
  const entries: StreamEntry[] = [];
  for (let i = 0; i < lines.length; ) {
    const id = lines[i++] as string;
    if (!ENTRY_ID.test(id)) throw new Error(`unexpected XRANGE output at line ${i}: ${id.slice(0, 80)}`);
    const fields: Record<string, string> = {};
    while (i < lines.length && !ENTRY_ID.test(lines[i] as string)) {
      const field = lines[i++] as string;
      fields[field] = lines[i++] ?? "";
    }
    entries.push({ id, fields });
  }
  return entries;
};

/** The id of a topic's newest entry, or undefined when the stream is empty or absent. */
export const lastStreamId = async (topic: string): Promise<string | undefined> => {
  const newest = (await redisCli("--raw", "XREVRANGE", topic, "+", "-", "COUNT", "1")).split("\n")[0];
  return newest && ENTRY_ID.test(newest) ? newest : undefined;
};

/** The CloudEvents published on a topic after entry `after`. */
export const publishedEvents = async (topic: string, after?: string): Promise<PublishedEvent[]> =>
  (await readStream(topic, after)).map(({ id, fields }) => {
    if (fields.data === undefined) throw new Error(`stream entry ${id} of ${topic} has no data field`);
    return { id, cloudEvent: JSON.parse(fields.data) };
  });

const PERIODS = ["daily", "weekly", "monthly"] as const;
const TOP_IN_EVENT = 10;

/**
 * Recomputes on `recomputeOn`, then checks on the broker that this recomputation published
 * `ranking.updated` once per period, as a CloudEvent from ranking-service whose data has the contract's
 * shape (`rankingUpdatedEventSchema`) and is the served snapshot: `computed_at` = the period's
 * `last_updated`, `top` = the first 10 rows of its ranking (rank, country_code, score). Every other
 * recomputation that started meanwhile (a cron tick) must also have published exactly one per period.
 * Returns the events of the recomputation that is served.
 */
export const expectRankingUpdatedForRecompute = async (recomputeOn: Replica, readFrom: Replica) => {
  const marker = await lastStreamId("ranking.updated");
  // Any recomputation computed at or after this instant started after the marker was read.
  const since = new Date(Date.now() + 1).toISOString();
  await recomputeNow(recomputeOn);
  const readServed = () =>
    Promise.all(
      PERIODS.map(async (period) => {
        const { status, body } = await getJson(readFrom, `/api/v1/rankings?period=${period}&limit=50`);
        expect(status).toBe(200);
        return body.data as {
          period: (typeof PERIODS)[number];
          last_updated: string | null;
          ranking: { rank: number; country_code: string; score: number }[];
        };
      }),
    );
  // A cron tick saving its snapshots between the three reads would mix two recomputations: read again.
  const served = await waitFor(
    "three snapshots of one recomputation",
    async () => {
      const snapshots = await readServed();
      return new Set(snapshots.map((s) => s.last_updated)).size === 1 && snapshots;
    },
    { timeoutMs: 5_000, intervalMs: 100 },
  ).catch(readServed);
  const computedAt = served[0]?.last_updated ?? "";
  // One recomputation saves all three snapshots with the same computed_at, after the marker.
  expect(served.map((s) => s.last_updated)).toEqual([computedAt, computedAt, computedAt]);
  expect(computedAt >= since).toBe(true);

  // The served snapshot may be a cron tick's that is still publishing: read once every recomputation
  // since the marker has published all three periods (or time out and assert what arrived).
  const readRecent = async () =>
    (await publishedEvents("ranking.updated", marker)).filter(
      (e) => (e.cloudEvent?.data?.computed_at ?? "") >= since,
    );
  const complete = (events: PublishedEvent[]) => {
    const counts = new Map<string, number>();
    for (const e of events)
      counts.set(e.cloudEvent.data.computed_at, (counts.get(e.cloudEvent.data.computed_at) ?? 0) + 1);
    return counts.has(computedAt) && [...counts.values()].every((n) => n >= PERIODS.length);
  };
  const recent = await waitFor(
    "ranking.updated of the recomputation",
    async () => {
      const events = await readRecent();
      return complete(events) && events;
    },
    { timeoutMs: 10_000, intervalMs: 100 },
  ).catch(readRecent);
  for (const { cloudEvent } of recent) {
    expect(cloudEvent).toMatchObject({
      specversion: "1.0",
      source: "ranking-service",
      topic: "ranking.updated",
      pubsubname: "pubsub",
      datacontenttype: "application/json",
    });
    expect(rankingUpdatedEventSchema.safeParse(cloudEvent.data).error).toBeUndefined();
  }
  const byRecomputation = new Map<string, string[]>();
  for (const { cloudEvent } of recent) {
    const { computed_at, period } = cloudEvent.data as { computed_at: string; period: string };
    byRecomputation.set(computed_at, [...(byRecomputation.get(computed_at) ?? []), period]);
  }
  expect(byRecomputation.has(computedAt)).toBe(true);
  for (const periods of byRecomputation.values()) expect([...periods].sort()).toEqual([...PERIODS].sort());

  const ours = recent
    .filter((e) => e.cloudEvent.data.computed_at === computedAt)
    .map((e) => e.cloudEvent.data as RankingUpdatedEvent);
  for (const snapshot of served) {
    expect(ours.find((data) => data.period === snapshot.period)).toEqual({
      period: snapshot.period,
      computed_at: computedAt,
      top: snapshot.ranking
        .slice(0, TOP_IN_EVENT)
        .map(({ rank, country_code, score }) => ({ rank, country_code, score })),
    });
  }
  return ours;
};
