// Store-agnostic proof: the exact-count scenarios of counting.test.ts, with the three ranking stores
// (rankings, country-stats, daily-selections) rendered onto SQL state stores instead of state.redis —
// state.postgresql v2 (tests/state-stores' PostgreSQL) and state.mysql on the local MariaDB. Two
// replicas behind their own daprd; pubsub and the lock stay on the suite's Redis database.
// RANKING_TEST_STATE_STORES=postgresql,mysql picks the stores (both by default).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { COUNTRIES, selectionRecordedEventSchema } from "@trip/shared";
import { expectRankingUpdatedForRecompute, publishedEvents } from "./support/broker.ts";
import { type Answer, getJson, recomputeNow, select, selectConcurrently } from "./support/clients.ts";
import {
  RANKING_STORES,
  type Replica,
  redisCli,
  releaseStateStores,
  startReplicas,
  stateStoreSql,
} from "./support/ranking-replicas.ts";

type SqlStore = "postgresql" | "mysql";
const STORES = (process.env.RANKING_TEST_STATE_STORES ?? "postgresql,mysql")
  .split(",")
  .map((s) => s.trim()) as SqlStore[];
const DESTINATIONS = COUNTRIES.filter((c) => c.code !== "KR").map((c) => c.code);
const TWENTY = DESTINATIONS.slice(0, 20);
const RETRIED_COUNTRY = "HR";
const SELECTIONS = 2000;
const RETRIED_IDS = 60;
const RETRIES_PER_ID = 10;

/** Error codes of the answers that are not 201 (empty when every selection was accepted). */
const refusals = (answers: Answer[]) =>
  answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body?.error?.code ?? "?"}`);

/** Selection records (`daily-selections||selection:{id}`) in the SQL table: [count, count without TTL]. */
const selectionRows = (store: SqlStore): [number, number] => {
  const [row] =
    store === "mysql"
      ? stateStoreSql(
          store,
          "SELECT COUNT(*), COALESCE(SUM(expiredate IS NULL), 0) FROM {schema}.daily_selections " +
            "WHERE id LIKE 'daily-selections||selection:%'",
        )
      : stateStoreSql(
          store,
          "SELECT COUNT(*), COUNT(*) FILTER (WHERE expires_at IS NULL) FROM daily_selections_state " +
            "WHERE key LIKE 'daily-selections||selection:%'",
        );
  return [Number(row?.[0]), Number(row?.[1])];
};

for (const store of STORES) {
  describe(`ranking stores on state.${store}`, () => {
    let replicas: Replica[] = [];
    const startedAt = Date.now();
    const accepted = new Set<string>();
    const acceptedPerCountry: Record<string, number> = {};
    const replicaFor = (i: number) => replicas[i % replicas.length] as Replica;
    const accept = (data: { selection_id: string; country_code: string }) => {
      if (accepted.has(data.selection_id)) return;
      accepted.add(data.selection_id);
      acceptedPerCountry[data.country_code] = (acceptedPerCountry[data.country_code] ?? 0) + 1;
    };
    /** Counts after a recomputation on replica 1, read through the public API of replica 2 (weekly). */
    const counted = async () => {
      await recomputeNow(replicaFor(0));
      const { status, body } = await getJson(replicaFor(1), "/api/v1/rankings?period=weekly&limit=50");
      expect(status).toBe(200);
      const scores: Record<string, number> = Object.fromEntries(
        body.data.ranking.map((r: { country_code: string; score: number }) => [r.country_code, r.score]),
      );
      return { total: body.data.total_selections as number, scores };
    };

    beforeAll(async () => {
      replicas = await startReplicas(`store-${store}`, 2, {}, { stateStore: store });
    }, 60_000);
    afterAll(async () => {
      await Promise.all(replicas.map((r) => r.stop()));
      releaseStateStores();
    }, 30_000);

    test(`${SELECTIONS} concurrent selections over 20 countries on two replicas: all accepted, each counted once`, async () => {
      const { answers, sent } = await selectConcurrently(replicas, SELECTIONS, TWENTY, "10.66");
      for (const a of answers.filter((x) => x.status === 201)) accept(a.body.data);
      const { total, scores } = await counted();
      // One comparison, so a failure shows both what was refused and what was counted.
      expect({ refused: refusals(answers), counted: scores, total }).toEqual({
        refused: [],
        counted: sent,
        total: SELECTIONS,
      });
      expect(accepted.size).toBe(SELECTIONS);
    }, 60_000);

    test(`${RETRIED_IDS * RETRIES_PER_ID} concurrent retries of ${RETRIED_IDS} selection ids count ${RETRIED_IDS}, each id answering one body`, async () => {
      const ids = Array.from({ length: RETRIED_IDS }, (_, n) => `retry-${startedAt}-${n}`);
      const answers = await Promise.all(
        Array.from({ length: RETRIED_IDS * RETRIES_PER_ID }, (_, k) => {
          const n = k % RETRIED_IDS;
          return select(
            replicaFor(k),
            { country_code: RETRIED_COUNTRY, selection_id: ids[n], session_id: `retry-${n}` },
            `10.67.0.${n}`,
          );
        }),
      );
      const bodies = ids.map(
        (id) =>
          new Set(
            answers.filter((a) => a.body?.data?.selection_id === id).map((a) => JSON.stringify(a.body.data)),
          ).size,
      );
      for (const a of answers.filter((x) => x.status === 201)) accept(a.body.data);
      const { total, scores } = await counted();
      expect({ refused: refusals(answers), bodiesPerId: bodies, counted: scores[RETRIED_COUNTRY] }).toEqual({
        refused: [],
        bodiesPerId: Array(RETRIED_IDS).fill(1),
        counted: RETRIED_IDS,
      });
      expect(total).toBe(accepted.size);
    }, 60_000);

    test("two selection ids that differ only in letter case are two selections", async () => {
      const upper = await select(
        replicaFor(0),
        { country_code: "JP", selection_id: `Case-${startedAt}` },
        "10.68.0.1",
      );
      const lower = await select(
        replicaFor(1),
        { country_code: "TH", selection_id: `case-${startedAt}` },
        "10.68.0.2",
      );
      expect([upper.status, lower.status]).toEqual([201, 201]);
      for (const a of [upper, lower]) accept(a.body.data);
      expect([upper.body.data, lower.body.data]).toMatchObject([
        { selection_id: `Case-${startedAt}`, country_code: "JP" },
        { selection_id: `case-${startedAt}`, country_code: "TH" },
      ]);
      const { scores } = await counted();
      expect({ JP: scores.JP, TH: scores.TH }).toEqual({
        JP: acceptedPerCountry.JP,
        TH: acceptedPerCountry.TH,
      });
    });

    test("after a recomputation the counts equal the accepted selections, every one published", async () => {
      const { total, scores } = await counted();
      expect(scores).toEqual(acceptedPerCountry);
      expect(total).toBe(accepted.size);
      const recorded = (await publishedEvents("ranking.selection-recorded")).map(
        ({ cloudEvent }) => selectionRecordedEventSchema.parse(cloudEvent.data).selection_id,
      );
      expect(new Set(recorded)).toEqual(accepted);
    }, 60_000);

    test("a recomputation on this store publishes ranking.updated for each period (contract shape)", async () => {
      const events = await expectRankingUpdatedForRecompute(replicaFor(1), replicaFor(0));
      expect(events.map((e) => e.period).sort()).toEqual(["daily", "monthly", "weekly"]);
    }, 60_000);

    test("the ranking state is in the SQL store (one TTL'd record per accepted id), none in Redis", async () => {
      const [records, withoutTtl] = selectionRows(store);
      expect({ records, withoutTtl }).toEqual({ records: accepted.size, withoutTtl: 0 });
      for (const name of RANKING_STORES) expect(await redisCli("--scan", "--pattern", `${name}||*`)).toBe("");
    });
  });
}
