/**
 * Soak part of the replica scenario: both replicas' sidecars fire their real cron schedules for
 * SOAK_TICK_MINUTES (default 5). Every ingestion window and every minute in between must have exactly
 * one run, although every sidecar delivered every tick.
 */
import { describe, expect, test } from "bun:test";
import { mariadb } from "../../support/stack.ts";
import { metricValue } from "./prometheus.ts";
import { redisKeys } from "./redis-cli.ts";
import type { Replica } from "./replicas.ts";
import { serviceOf } from "./stack-env.ts";
import { scenario } from "./summary.ts";
import { rankingTick } from "./ticks.ts";

const MINUTES = Number(process.env.SOAK_TICK_MINUTES ?? 5);
const sqlTime = (at: Date) => at.toISOString().replace("T", " ").slice(0, 23);

type Replicas = Record<"ingestor" | "ranking" | "history", Replica>;

const ticksOf = (url: string, binding: string) => metricValue(url, "cron_ticks_total", { binding });

export const registerTickSoak = (replicas: () => Replicas): void => {
  describe(`soak: ${MINUTES} minutes of real cron ticks on two replicas`, () => {
    test(
      "every replica's sidecar ticks; each ingestion window and each minute ran exactly once",
      async () => {
        await scenario("schedule", `real cron ticks for ${MINUTES} min (2 replicas)`, async (tally) => {
          const ingestors = [serviceOf("ingestor").url, replicas().ingestor.url];
          const rankings = [serviceOf("ranking").url, replicas().ranking.url];
          const ingestTicks = await Promise.all(ingestors.map((url) => ticksOf(url, "cron-ingest")));
          const rankingTicks = await Promise.all(rankings.map((url) => ticksOf(url, "cron-ranking")));
          const recomputed = await Promise.all(
            rankings.map((url) => metricValue(url, "ranking_recomputations_total")),
          );
          const t0 = new Date();
          await Bun.sleep(MINUTES * 60_000);
          const t1 = new Date();
          for (const [i, url] of ingestors.entries())
            expect((await ticksOf(url, "cron-ingest")) - (ingestTicks[i] ?? 0)).toBeGreaterThanOrEqual(
              Math.floor(MINUTES / 2) - 1,
            );
          for (const [i, url] of rankings.entries())
            expect((await ticksOf(url, "cron-ranking")) - (rankingTicks[i] ?? 0)).toBeGreaterThanOrEqual(
              MINUTES - 1,
            );
          const runs = mariadb(
            `SELECT tick_key, COUNT(*) FROM ingest_runs WHERE trigger_kind = 'cron' AND started_at >= '${sqlTime(t0)}' AND started_at <= '${sqlTime(t1)}' GROUP BY tick_key`,
          );
          expect(runs.filter(([, n]) => Number(n) !== 1)).toEqual([]);
          expect(runs.length).toBeGreaterThanOrEqual(Math.floor(MINUTES / 2) - 1);
          const minutes: string[] = [];
          for (let at = Math.ceil(t0.getTime() / 60_000) * 60_000; at + 60_000 <= t1.getTime(); at += 60_000)
            minutes.push(rankingTick(new Date(at)));
          const missing = minutes.filter((tick) => redisKeys(`rankings||tick:${tick}`).length !== 1);
          expect(missing).toEqual([]);
          const recomputedNow = await Promise.all(
            rankings.map((url) => metricValue(url, "ranking_recomputations_total")),
          );
          const delta = recomputedNow.reduce((a, b, i) => a + b - (recomputed[i] ?? 0), 0);
          expect(delta).toBeGreaterThanOrEqual(minutes.length);
          expect(delta).toBeLessThanOrEqual(minutes.length + 2);
          tally.inputsTried += runs.length + minutes.length;
          tally.notes.push(
            `${runs.length} ingestion windows, ${minutes.length} full minutes, ${delta} recomputations`,
          );
        });
      },
      MINUTES * 60_000 + 120_000,
    );
  });
};
