import { describe, expect, test } from "bun:test";
import { manualClock, type RankingUpdatedEvent } from "@trip/shared";
import { inMemoryBackends, inMemoryRanking, metricValue } from "../testing/in-memory-ranking.ts";

const tick = (replica: ReturnType<typeof inMemoryRanking>) => replica.service.crons["cron-ranking"]?.();

describe("cron-ranking recomputation", () => {
  test("two replicas ticking in the same minute recompute once; the next minute recomputes again", async () => {
    const clock = manualClock("2026-11-27T03:00:05Z");
    const backends = inMemoryBackends();
    const one = inMemoryRanking({ clock, backends, replica: "one" });
    const two = inMemoryRanking({ clock, backends, replica: "two" });
    await Promise.all([tick(one), tick(two)]);
    clock.set("2026-11-27T03:00:40Z");
    await Promise.all([tick(one), tick(two)]);
    const recomputed = () =>
      metricValue(one.metrics, "ranking_recomputations_total") +
      metricValue(two.metrics, "ranking_recomputations_total");
    expect(recomputed()).toBe(1);
    clock.set("2026-11-27T03:01:02Z");
    await Promise.all([tick(two), tick(one)]);
    expect(recomputed()).toBe(2);
    const skipped =
      metricValue(one.metrics, "ranking_recompute_skipped_total") +
      metricValue(two.metrics, "ranking_recompute_skipped_total");
    expect(skipped).toBe(4);
    expect(metricValue(one.metrics, "cron_ticks_total", { binding: "cron-ranking" })).toBe(3);
  });

  test("a recomputation saves the three snapshots and publishes ranking.updated for each", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z");
    const replica = inMemoryRanking({ clock });
    for (const [code, n] of [
      ["JP", 3],
      ["TH", 2],
    ] as const)
      for (let i = 0; i < n; i++)
        await replica.service.selections.recorder.record({
          country_code: code,
          currency_code: "XXX",
          user_hash: null,
          session_id: null,
          referrer: null,
        });
    await tick(replica);
    const events = replica.backends.publisher.of<RankingUpdatedEvent>("ranking.updated");
    expect(events.map((e) => e.period).sort()).toEqual(["daily", "monthly", "weekly"]);
    expect(events.find((e) => e.period === "daily")).toEqual({
      period: "daily",
      computed_at: "2026-11-27T03:00:00.000Z",
      top: [
        { rank: 1, country_code: "JP", score: 3 },
        { rank: 2, country_code: "TH", score: 2 },
      ],
    });
    const monthly = await replica.service.reads.snapshots.getSnapshot("monthly");
    expect(monthly).toMatchObject({
      date_range: { from: "2026-10-29", to: "2026-11-27" },
      total_selections: 5,
    });
  });

  test("the tick's owner waits for a running recomputation, then recomputes once", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z");
    const backends = inMemoryBackends();
    backends.locks.set("ranking-recompute", {
      owner: "admin-run",
      until: Date.parse("2026-11-27T03:00:02Z"),
    });
    const waits: number[] = [];
    const lockWait = {
      attempts: 10,
      delayMs: 500,
      sleep: async (ms: number) => {
        waits.push(ms);
        clock.advance(ms);
      },
    };
    const replica = inMemoryRanking({ clock, backends, lockWait });
    await tick(replica);
    expect(waits).toEqual([500, 500, 500, 500]);
    expect(metricValue(replica.metrics, "ranking_recomputations_total", { trigger: "tick" })).toBe(1);
  });

  test("a tick whose lock never frees is reported busy, not recomputed twice later", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z");
    const backends = inMemoryBackends();
    backends.locks.set("ranking-recompute", { owner: "stuck", until: Date.parse("2026-11-27T04:00:00Z") });
    const replica = inMemoryRanking({ clock, backends });
    await tick(replica);
    await tick(replica);
    expect(metricValue(replica.metrics, "ranking_recompute_skipped_total", { reason: "busy" })).toBe(1);
    expect(metricValue(replica.metrics, "ranking_recompute_skipped_total", { reason: "already-done" })).toBe(
      1,
    );
    expect(metricValue(replica.metrics, "ranking_recomputations_total")).toBe(0);
  });
});

describe("recomputation when pub/sub is down", () => {
  test("snapshots still refresh from the counts already recorded; the rest is counted once it is back", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z");
    const replica = inMemoryRanking({ clock });
    const pick = () =>
      replica.service.selections.recorder.record({
        country_code: "JP",
        currency_code: "JPY",
        user_hash: null,
        session_id: null,
        referrer: null,
      });
    await pick();
    await replica.service.admin.recompute();
    await pick();
    replica.backends.publisher.intercept = () => {
      throw new Error("pubsub down");
    };
    clock.set("2026-11-27T03:01:00Z");
    await tick(replica);
    const stale = await replica.service.reads.snapshots.getSnapshot("daily");
    expect(stale).toMatchObject({ computed_at: "2026-11-27T03:01:00.000Z", total_selections: 1 });
    replica.backends.publisher.intercept = undefined;
    clock.set("2026-11-27T03:02:00Z");
    await tick(replica);
    expect((await replica.service.reads.snapshots.getSnapshot("daily"))?.total_selections).toBe(2);
    expect(replica.backends.publisher.of("ranking.selection-recorded")).toHaveLength(2);
  });
});
