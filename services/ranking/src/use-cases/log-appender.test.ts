import { describe, expect, test } from "bun:test";
import { COUNTRIES, manualClock } from "@trip/shared";
import { keysOf, logEntriesOf } from "../testing/log-helpers.ts";
import { selectionOf, selectionTestbed } from "../testing/selection-testbed.ts";
import { sealDay } from "./seal-day.ts";

const destinations = COUNTRIES.filter((c) => c.code !== "KR")
  .slice(0, 20)
  .map((c) => c.code);

describe("the selection log", () => {
  test("concurrent selections share slots (group commit) and each lands in exactly one place", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => recorder.record(selectionOf("JP", `g-${i}`))),
    );
    const entries = logEntriesOf(bed.backing, "2026-11-27");
    expect(entries).toHaveLength(400);
    expect(new Set(entries.map(([, id]) => id)).size).toBe(400);
    expect(keysOf(bed.backing, "log:").length).toBeLessThan(100);
    expect(results.every((r) => !r.replayed)).toBe(true);
  });

  test("5,000 concurrent selections over 20 countries from two replicas are counted exactly", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const replicas = [bed.replica(), bed.replica()];
    const sent: Record<string, number> = {};
    await Promise.all(
      Array.from({ length: 5000 }, (_, i) => {
        const country = destinations[(i * 7) % destinations.length] as string;
        sent[country] = (sent[country] ?? 0) + 1;
        return (replicas[i % 2] as (typeof replicas)[0]).record(selectionOf(country, `bulk-${i}`));
      }),
    );
    expect(await bed.countDay("2026-11-27")).toEqual(sent);
    expect(bed.publisher.of("ranking.selection-recorded")).toHaveLength(5000);
  });

  test("no slot holds two batches: replicas racing for the same slot move on", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    // Both replicas always pick shard 0, so every write races.
    const replicas = [bed.replica(() => 0), bed.replica(() => 0)];
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        (replicas[i % 2] as (typeof replicas)[0]).record(selectionOf("TH", `race-${i}`)),
      ),
    );
    const slots = keysOf(bed.backing, "log:2026-11-27:0:").map((k) => Number(k.split(":").at(-1)));
    expect(slots.sort((a, b) => a - b)).toEqual(slots.map((_, i) => i));
    expect(logEntriesOf(bed.backing, "2026-11-27")).toHaveLength(300);
  });

  test("a selection that meets its day's seal is accepted on the next day, stamped inside it", async () => {
    const clock = manualClock("2026-11-27T14:59:59.990Z");
    const bed = selectionTestbed(clock);
    const recorder = bed.replica();
    await recorder.record(selectionOf("JP", "before-seal"));
    // Another replica's rollover seals the day while this replica's clock still says 23:59:59.99x.
    await sealDay(bed.store, clock, "2026-11-27", 8);
    const late = await recorder.record(selectionOf("JP", "after-seal"));
    expect(late.body.date).toBe("2026-11-28");
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 1 });
    expect(await bed.countDay("2026-11-28")).toEqual({ JP: 1 });
    const event = bed.publisher
      .of<{ selection_id: string; selected_at: string; kst_date: string }>("ranking.selection-recorded")
      .find((e) => e.selection_id === "after-seal");
    expect(event).toMatchObject({ kst_date: "2026-11-28", selected_at: "2026-11-27T15:00:00.000Z" });
  });
});
