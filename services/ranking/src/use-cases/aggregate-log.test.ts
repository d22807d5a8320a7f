import { describe, expect, test } from "bun:test";
import { manualClock, type SelectionRecordedEvent } from "@trip/shared";
import { keysOf } from "../testing/log-helpers.ts";
import { selectionOf, selectionTestbed } from "../testing/selection-testbed.ts";
import { aggregateDay } from "./aggregate-log.ts";

const DAY = "2026-11-27";

describe("aggregating the selection log", () => {
  test("each counted selection is published once as ranking.selection-recorded with its KST date", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    await recorder.record({ ...selectionOf("JP", "e-1"), currency_code: "JPY", session_id: "s-1" });
    await recorder.record({ ...selectionOf("TH", "e-2"), currency_code: "THB", user_hash: "h".repeat(64) });
    expect(await bed.countDay(DAY)).toEqual({ JP: 1, TH: 1 });
    expect(await bed.countDay(DAY)).toEqual({ JP: 1, TH: 1 });
    const events = bed.publisher.of<SelectionRecordedEvent>("ranking.selection-recorded");
    expect(events.sort((a, b) => a.selection_id.localeCompare(b.selection_id))).toEqual([
      {
        selection_id: "e-1",
        country_code: "JP",
        currency_code: "JPY",
        user_hash: null,
        session_id: "s-1",
        selected_at: "2026-11-27T03:00:00.000Z",
        kst_date: DAY,
      },
      {
        selection_id: "e-2",
        country_code: "TH",
        currency_code: "THB",
        user_hash: "h".repeat(64),
        session_id: null,
        selected_at: "2026-11-27T03:00:00.000Z",
        kst_date: DAY,
      },
    ]);
  });

  test("when publishing fails nothing is counted; the next run counts and publishes", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    await bed.replica().record(selectionOf("JP", "p-1"));
    bed.publisher.intercept = () => {
      throw new Error("pubsub down");
    };
    await expect(bed.countDay(DAY)).rejects.toThrow("pubsub down");
    expect(keysOf(bed.backing, "tally:")).toEqual([]);
    bed.publisher.intercept = undefined;
    expect(await bed.countDay(DAY)).toEqual({ JP: 1 });
    expect(bed.publisher.of("ranking.selection-recorded")).toHaveLength(1);
  });

  test("a crash before the tally is saved repeats the round without double counting", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    await Promise.all(Array.from({ length: 50 }, (_, i) => recorder.record(selectionOf("US", `c-${i}`))));
    bed.backing.intercept = (operation, key) => {
      if (operation === "save" && key.startsWith("tally:")) throw new Error("process died");
    };
    await expect(bed.countDay(DAY)).rejects.toThrow("process died");
    bed.backing.intercept = undefined;
    expect(await bed.countDay(DAY)).toEqual({ US: 50 });
  });

  test("two aggregators running at once (two replicas) count every selection once", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    await Promise.all(Array.from({ length: 600 }, (_, i) => recorder.record(selectionOf("GB", `a-${i}`))));
    const [one, two] = await Promise.all([
      aggregateDay(bed.aggregator, DAY),
      aggregateDay(bed.aggregator, DAY),
    ]);
    expect(one.reduce((sum, t) => sum + (t.counts.GB ?? 0), 0)).toBe(600);
    expect(two.reduce((sum, t) => sum + (t.counts.GB ?? 0), 0)).toBe(600);
    expect(await bed.countDay(DAY)).toEqual({ GB: 600 });
  });

  test("aggregation interleaved with writing: every selection is counted once in the end", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    const writes = Promise.all(
      Array.from({ length: 1000 }, (_, i) => recorder.record(selectionOf(i % 3 ? "JP" : "VN", `w-${i}`))),
    );
    const midway = Promise.all([bed.countDay(DAY), bed.countDay(DAY)]);
    await Promise.all([writes, midway]);
    expect(await bed.countDay(DAY)).toEqual({ JP: 666, VN: 334 });
  });
});
