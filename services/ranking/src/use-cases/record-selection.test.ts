import { describe, expect, test } from "bun:test";
import { manualClock } from "@trip/shared";
import { logEntriesOf } from "../testing/log-helpers.ts";
import { selectionOf, selectionTestbed } from "../testing/selection-testbed.ts";

describe("recording a selection", () => {
  test("a selection at 23:59:59.999 KST counts for that day, one at 00:00:00.000 KST for the next", async () => {
    const clock = manualClock("2026-11-27T14:59:59.999Z");
    const bed = selectionTestbed(clock);
    const recorder = bed.replica();
    const before = await recorder.record(selectionOf("JP", "late"));
    clock.set("2026-11-27T15:00:00.000Z");
    const after = await recorder.record(selectionOf("JP", "early"));
    expect(before.body.date).toBe("2026-11-27");
    expect(after.body.date).toBe("2026-11-28");
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 1 });
    expect(await bed.countDay("2026-11-28")).toEqual({ JP: 1 });
  });

  test("the 201 body names the id, the country and the KST date; an id is generated when none is sent", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const { body, replayed } = await bed.replica().record(selectionOf("TH"));
    expect(replayed).toBe(false);
    expect(body).toEqual({
      selection_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      country_code: "TH",
      date: "2026-11-27",
      message: "Selection recorded",
    });
  });

  test("retries with the same selection_id answer the same body and append nothing more", async () => {
    const clock = manualClock("2026-11-27T03:00:00Z");
    const bed = selectionTestbed(clock);
    const recorder = bed.replica();
    const first = await recorder.record(selectionOf("JP", "retry-me"));
    clock.set("2026-11-28T03:00:00Z"); // a retry on a later day still answers the original day
    for (let i = 0; i < 5; i++) {
      const again = await recorder.record(selectionOf(i % 2 ? "TH" : "JP", "retry-me"));
      expect(again).toEqual({ body: first.body, replayed: true });
    }
    expect(logEntriesOf(bed.backing, "2026-11-27")).toHaveLength(1);
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 1 });
  });

  test("concurrent calls with one id on two replicas: one body for all, counted once", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const replicas = [bed.replica(), bed.replica()];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (replicas[i % 2] as (typeof replicas)[0]).record(selectionOf("VN", "same")),
      ),
    );
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await bed.countDay("2026-11-27")).toEqual({ VN: 1 });
  });

  test("a crash between accepting (log append) and the idempotency record loses nothing and counts once", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    bed.backing.intercept = (operation, key) => {
      if (operation === "save" && key === "selection:crashy") throw new Error("process died");
    };
    await expect(recorder.record(selectionOf("JP", "crashy"))).rejects.toThrow("process died");
    bed.backing.intercept = undefined;
    // The aggregator finds the appended entry without a record, adopts and counts it.
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 1 });
    // The client's retry gets 201 with the adopted record's body; nothing more is counted.
    const retry = await recorder.record(selectionOf("JP", "crashy"));
    expect(retry.body).toMatchObject({ selection_id: "crashy", country_code: "JP", date: "2026-11-27" });
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 1 });
  });

  test("a retry after such a crash but before aggregation appends again, and still counts once", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    bed.backing.intercept = (operation, key) => {
      if (operation === "save" && key === "selection:twice") throw new Error("process died");
    };
    await expect(recorder.record(selectionOf("JP", "twice"))).rejects.toThrow();
    bed.backing.intercept = undefined;
    const retry = await recorder.record(selectionOf("JP", "twice"));
    expect(retry.replayed).toBe(false);
    expect(logEntriesOf(bed.backing, "2026-11-27")).toHaveLength(2);
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 1 });
  });

  test("a slot write whose answer was lost is recognised as ours, not appended twice", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    let lost = false;
    bed.backing.afterSave = (key) => {
      if (key.startsWith("log:") && !lost) {
        lost = true;
        throw new Error("connection reset");
      }
    };
    const recorded = await bed.replica().record(selectionOf("JP", "lost-answer"));
    expect(lost).toBe(true);
    expect(recorded.replayed).toBe(false);
    expect(logEntriesOf(bed.backing, "2026-11-27")).toHaveLength(1);
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 1 });
  });

  test("concurrent selections share bulk writes of their idempotency records", async () => {
    const bed = selectionTestbed(manualClock("2026-11-27T03:00:00Z"));
    const recorder = bed.replica();
    let recordSaves = 0;
    bed.backing.intercept = (operation, key) => {
      if (operation === "save" && key === "selection:c-0") recordSaves++;
    };
    const saved: string[][] = [];
    const save = bed.backing.save.bind(bed.backing);
    bed.backing.save = (items) => {
      if (items.some((item) => item.key.startsWith("selection:"))) saved.push(items.map((item) => item.key));
      return save(items);
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => recorder.record(selectionOf("JP", `c-${i}`))),
    );
    expect(results.every((r) => !r.replayed)).toBe(true);
    expect(recordSaves).toBe(1);
    expect(saved.flat().sort()).toEqual(Array.from({ length: 50 }, (_, i) => `selection:c-${i}`).sort());
    expect(saved.length).toBeLessThan(50);
    expect(await bed.countDay("2026-11-27")).toEqual({ JP: 50 });
  });
});
