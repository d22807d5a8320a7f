/**
 * Two replicas of each scheduled service (the stack's own plus one started here: same command, env,
 * app id and components, spare ports). Fast part: the same tick delivered to both replicas at once, as
 * their sidecars would — exactly one ingestion, one ranking recomputation, one analysis run per tick, and
 * one rollover per KST day. Soak part (SOAK=1): several real cron ticks of both replicas' sidecars.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mariadb } from "../../support/stack.ts";
import { getJson } from "../support/client.ts";
import { redisStateValue } from "../support/data-search.ts";
import { metricValue } from "../support/prometheus.ts";
import { redisKeys } from "../support/redis-cli.ts";
import { type Replica, startReplica } from "../support/replicas.ts";
import { STACK, serviceOf } from "../support/stack-env.ts";
import { SOAK, scenario } from "../support/summary.ts";
import { registerTickSoak } from "../support/tick-soak.ts";
import { analysisRunKey, ingestTickKey, rankingTick, tickAll } from "../support/ticks.ts";

const replicas: Partial<Record<"ingestor" | "ranking" | "history", Replica>> = {};
const both = (key: "ingestor" | "ranking" | "history") => [serviceOf(key).url, replicas[key]?.url as string];
const sum = async (urls: string[], name: string, labels: Record<string, string> = {}) =>
  (await Promise.all(urls.map((url) => metricValue(url, name, labels)))).reduce((a, b) => a + b, 0);
const count = (sql: string) => Number(mariadb(sql)[0]?.[0] ?? 0);

describe("two replicas of each scheduled service", () => {
  beforeAll(async () => {
    const [ingestor, ranking, history] = await Promise.all([
      startReplica(serviceOf("ingestor"), 4),
      startReplica(serviceOf("ranking"), 2, { REPLICA_ID: "reliability-replica" }),
      startReplica(serviceOf("history"), 3),
    ]);
    Object.assign(replicas, { ingestor, ranking, history });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values(replicas).map((replica) => replica?.stop()));
  });

  describe("one tick delivered to both", () => {
    test("cron-ingest: exactly one ingestion run for the tick", async () => {
      await scenario("schedule", "one ingestion per tick (2 replicas)", async (tally) => {
        const status = await getJson(`${STACK.ingestor}/api/v1/ingest/status`);
        const interval = Number(status.json.data.schedule.interval_seconds);
        const dedupBefore = await sum(both("ingestor"), "ingest_runs_total", { status: "deduplicated" });
        const at = new Date();
        const answers = await tickAll(both("ingestor"), "cron-ingest");
        tally.inputsTried += answers.length;
        expect(answers.map((a) => a.status)).toEqual([200, 200]);
        const key = ingestTickKey(at, interval);
        if (key !== ingestTickKey(new Date(), interval))
          tally.notes.push("the tick straddled a window boundary");
        expect(count(`SELECT COUNT(*) FROM ingest_runs WHERE tick_key = '${key}'`)).toBe(1);
        expect(await sum(both("ingestor"), "ingest_runs_total", { status: "deduplicated" })).toBeGreaterThan(
          dedupBefore,
        );
      });
    }, 120_000);

    test("cron-ranking: exactly one recomputation for the tick", async () => {
      await scenario("schedule", "one ranking recomputation per tick (2 replicas)", async (tally) => {
        const counters = [
          "cron_ticks_total",
          "ranking_recomputations_total",
          "ranking_recompute_skipped_total",
        ];
        const read = () =>
          Promise.all(
            counters.map((name) =>
              sum(both("ranking"), name, name === counters[0] ? { binding: "cron-ranking" } : {}),
            ),
          );
        const before = await read();
        const started = new Date();
        const answers = await tickAll(both("ranking"), "cron-ranking");
        const ended = new Date();
        tally.inputsTried += answers.length;
        expect(answers.map((a) => a.status)).toEqual([200, 200]);
        const tick = rankingTick(started);
        expect(redisKeys(`rankings||tick:${tick}`)).toEqual([`rankings||tick:${tick}`]);
        // A real tick of a sidecar may land in the same moment: count ticks, not calls.
        const [ticks = 0, recomputed = 0, skipped = 0] = (await read()).map((n, i) => n - (before[i] ?? 0));
        const minutes = new Set([rankingTick(started), rankingTick(ended)]).size;
        expect(ticks).toBeGreaterThanOrEqual(2);
        expect(recomputed + skipped).toBe(ticks);
        expect(recomputed).toBeLessThanOrEqual(minutes);
        tally.notes.push(
          `tick ${tick}: ${ticks} ticks delivered, ${recomputed} recomputed, ${skipped} skipped`,
        );
      });
    }, 120_000);

    test("cron-analysis: exactly one analysis run for the hour", async () => {
      await scenario("schedule", "one analysis run per hourly tick (2 replicas)", async (tally) => {
        const key = analysisRunKey(new Date());
        const answers = await tickAll(both("history"), "cron-analysis");
        tally.inputsTried += answers.length;
        expect(answers.map((a) => a.status)).toEqual([200, 200]);
        expect(count(`SELECT COUNT(*) FROM analysis_runs WHERE run_key = '${key}'`)).toBe(1);
      });
    }, 120_000);

    test("cron-midnight-kst: one rollover per KST day in ranking and in history", async () => {
      await scenario("schedule", "one rollover per KST day (2 replicas)", async (tally) => {
        const archivedBefore = await sum(both("ranking"), "ranking_days_archived_total");
        const ranking = await tickAll(both("ranking"), "cron-midnight-kst");
        const history = await tickAll(both("history"), "cron-midnight-kst");
        tally.inputsTried += ranking.length + history.length;
        expect([...ranking, ...history].map((a) => a.status)).toEqual([200, 200, 200, 200]);
        const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
        const yesterday = new Date(Date.now() + 9 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
        const state = redisStateValue("country-stats||rollover") as { last_archived: string };
        expect(state.last_archived).toBe(yesterday);
        expect(
          (await sum(both("ranking"), "ranking_days_archived_total")) - archivedBefore,
        ).toBeLessThanOrEqual(1);
        expect(count(`SELECT COUNT(*) FROM analysis_runs WHERE run_key = 'midnight:${today}'`)).toBe(1);
      });
    }, 120_000);
  });

  if (SOAK) registerTickSoak(() => replicas as Required<typeof replicas>);
});
