import { describe, expect, test } from "bun:test";
import { manualClock } from "@trip/shared";
import { inMemoryBackends, inMemoryRanking, metricValue } from "../testing/in-memory-ranking.ts";
import { keysOf } from "../testing/log-helpers.ts";
import { selectionOf } from "../testing/selection-testbed.ts";

const post = (replica: ReturnType<typeof inMemoryRanking>, country_code: string, selection_id?: string) =>
  replica.service.selections.recorder.record(selectionOf(country_code, selection_id));

const midnight = (replica: ReturnType<typeof inMemoryRanking>) =>
  replica.service.crons["cron-midnight-kst"]?.();

describe("KST rollover", () => {
  test("archives the finished day, updates cumulative stats, and the daily ranking starts empty", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z"); // 12:00 KST, 27 Nov
    const replica = inMemoryRanking({ clock });
    await replica.service.startup();
    for (let i = 0; i < 3; i++) await post(replica, "JP");
    await post(replica, "TH");
    await replica.service.admin.recompute();
    expect((await replica.service.reads.snapshots.getSnapshot("daily"))?.total_selections).toBe(4);

    clock.set("2026-11-27T15:00:01Z"); // 00:00:01 KST, 28 Nov
    await midnight(replica);
    const archive = replica.backends.dailySelections.dump().get("day:2026-11-27");
    expect(archive).toMatchObject({
      date: "2026-11-27",
      total_selections: 4,
      countries: [
        { country_code: "JP", count: 3, rank: 1 },
        { country_code: "TH", count: 1, rank: 2 },
      ],
    });
    expect(replica.backends.countryStats.dump().get("country:JP")).toMatchObject({
      total_selections: 3,
      days_selected: 1,
      through: "2026-11-27",
    });
    const daily = await replica.service.reads.snapshots.getSnapshot("daily");
    expect(daily).toMatchObject({ date_range: { from: "2026-11-28" }, total_selections: 0, ranking: [] });
    const weekly = await replica.service.reads.snapshots.getSnapshot("weekly");
    expect(weekly?.total_selections).toBe(4);
  });

  test("running it twice, or on two replicas at once, changes nothing the second time", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z");
    const backends = inMemoryBackends();
    const one = inMemoryRanking({ clock, backends, replica: "one" });
    const two = inMemoryRanking({ clock, backends, replica: "two" });
    await one.service.startup();
    for (let i = 0; i < 5; i++) await post(i % 2 ? one : two, "VN");
    clock.set("2026-11-27T15:00:00Z");
    await Promise.all([midnight(one), midnight(two)]);
    const after = {
      selections: backends.dailySelections.dump(),
      stats: backends.countryStats.dump(),
    };
    await Promise.all([midnight(one), midnight(two)]);
    await one.service.admin.rollover();
    expect(backends.dailySelections.dump()).toEqual(after.selections);
    expect(backends.countryStats.dump()).toEqual(after.stats);
    expect(
      metricValue(one.metrics, "ranking_days_archived_total") +
        metricValue(two.metrics, "ranking_days_archived_total"),
    ).toBe(1);
    expect(after.stats.get("country:VN")).toMatchObject({ total_selections: 5 });
  });

  test("days missed while the service was down are caught up at start, oldest first", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z");
    const backends = inMemoryBackends();
    const before = inMemoryRanking({ clock, backends });
    await before.service.startup();
    await post(before, "JP");
    await post(before, "JP");
    // Down from 27 Nov noon until 30 Nov: three midnights missed.
    clock.set("2026-11-30T01:00:00Z");
    const after = inMemoryRanking({ clock, backends });
    await after.service.startup();
    expect(keysOf(backends.dailySelections, "day:")).toEqual([
      "day:2026-11-27",
      "day:2026-11-28",
      "day:2026-11-29",
    ]);
    expect(backends.dailySelections.dump().get("day:2026-11-27")).toMatchObject({ total_selections: 2 });
    expect(backends.dailySelections.dump().get("day:2026-11-29")).toMatchObject({ total_selections: 0 });
    expect(backends.countryStats.dump().get("rollover")).toMatchObject({ last_archived: "2026-11-29" });
    expect((await after.service.reads.snapshots.getSnapshot("weekly"))?.total_selections).toBe(2);
  });

  test("a selection accepted just before midnight by a replica whose rollover is late still counts once", async () => {
    const clock = manualClock("2026-11-27T14:59:59.999Z");
    const replica = inMemoryRanking({ clock });
    await replica.service.startup();
    const writes = Promise.all(Array.from({ length: 200 }, (_, i) => post(replica, "TH", `m-${i}`)));
    clock.set("2026-11-27T15:00:00.000Z");
    const rolled = midnight(replica);
    const bodies = await writes;
    await rolled;
    clock.set("2026-11-28T15:00:00.000Z");
    await midnight(replica);
    const dates = bodies.map((b) => b.body.date);
    const archived = replica.backends.dailySelections.dump();
    const count = (date: string) =>
      (archived.get(`day:${date}`) as { total_selections: number } | undefined)?.total_selections ?? 0;
    expect(count("2026-11-27")).toBe(dates.filter((d) => d === "2026-11-27").length);
    expect(count("2026-11-28")).toBe(dates.filter((d) => d === "2026-11-28").length);
    expect(count("2026-11-27") + count("2026-11-28")).toBe(200);
  });
});
