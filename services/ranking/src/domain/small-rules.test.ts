import { describe, expect, test } from "bun:test";
import { destinationOf } from "./destinations.ts";
import { paginate } from "./pagination.ts";
import { recomputeTickOf } from "./recompute-tick.ts";
import { planRollover } from "./rollover-plan.ts";
import { decideEntry, type Placement, type SelectionRecord } from "./selection-log.ts";
import { hashUserId } from "./user-hash.ts";

describe("destinations", () => {
  test("catalog countries are destinations, case-insensitively; KR (home) and unknown codes are not", () => {
    expect(destinationOf("jp")?.code).toBe("JP");
    expect(destinationOf("KR")).toBeUndefined();
    expect(destinationOf("ZZ")).toBeUndefined();
  });
});

describe("paginate", () => {
  const items = Array.from({ length: 23 }, (_, i) => i);
  test("pages by limit and offset", () => {
    expect(paginate(items, 10, 10)).toEqual({
      items: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
      pagination: { current_page: 2, total_pages: 3, has_next: true, has_previous: true },
    });
    expect(paginate(items, 10, 20).pagination).toEqual({
      current_page: 3,
      total_pages: 3,
      has_next: false,
      has_previous: true,
    });
  });
  test("an empty list is one empty page; an offset past the end gives no items", () => {
    expect(paginate([], 10, 0)).toEqual({
      items: [],
      pagination: { current_page: 1, total_pages: 1, has_next: false, has_previous: false },
    });
    expect(paginate(items, 10, 40).items).toEqual([]);
  });
});

describe("recomputeTickOf", () => {
  test("every instant of a UTC minute is the same tick", () => {
    expect(recomputeTickOf(new Date("2026-11-27T03:04:00.000Z"))).toBe("2026-11-27T03:04Z");
    expect(recomputeTickOf(new Date("2026-11-27T03:04:59.999Z"))).toBe("2026-11-27T03:04Z");
    expect(recomputeTickOf(new Date("2026-11-27T03:05:00.000Z"))).toBe("2026-11-27T03:05Z");
  });
});

describe("planRollover", () => {
  test("nothing to do when yesterday is archived", () => {
    expect(planRollover("2026-11-26", "2026-11-27", 35)).toEqual({ archive: [], skipped: [] });
  });
  test("missed days are archived oldest first", () => {
    expect(planRollover("2026-11-23", "2026-11-27", 35).archive).toEqual([
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
    ]);
  });
  test("days beyond the catch-up limit are skipped, the most recent ones archived", () => {
    expect(planRollover("2026-11-20", "2026-11-27", 2)).toEqual({
      archive: ["2026-11-25", "2026-11-26"],
      skipped: ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"],
    });
  });
});

describe("decideEntry", () => {
  const here: Placement = { date: "2026-11-27", shard: 1, slot: 4, index: 2 };
  const record = (placement: Placement): SelectionRecord => ({
    selection_id: "s",
    country_code: "JP",
    date: placement.date,
    accepted_at: "2026-11-27T01:00:00.000Z",
    placement,
  });
  test("the entry the record names counts; any other entry of that id is a duplicate", () => {
    expect(decideEntry(here, record(here))).toBe("count");
    expect(decideEntry(here, record({ ...here, index: 3 }))).toBe("duplicate");
    expect(decideEntry(here, record({ ...here, slot: 9 }))).toBe("duplicate");
  });
  test("an entry without a record (writer crashed after appending) is adopted", () => {
    expect(decideEntry(here, undefined)).toBe("adopt");
  });
});

describe("hashUserId", () => {
  test("is a salted SHA-256: stable for one salt, different for another, never the raw id", async () => {
    const a = await hashUserId("salt-1", "user-42");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashUserId("salt-1", "user-42")).toBe(a);
    expect(await hashUserId("salt-2", "user-42")).not.toBe(a);
    expect(a).not.toContain("user-42");
  });
});
