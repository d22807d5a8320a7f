import { describe, expect, test } from "bun:test";
import { dayRanges } from "./day-ranges.ts";

describe("dayRanges", () => {
  test("nearby days share a range; far ones start a new one", () => {
    expect(dayRanges(["2026-11-03", "2026-11-02", "2026-11-30", "2026-11-02"])).toEqual([
      { first: "2026-11-02", last: "2026-11-03" },
      { first: "2026-11-30", last: "2026-11-30" },
    ]);
  });

  test("weekend gaps are bridged, but no range spans more than 31 days", () => {
    const businessDays = ["2026-01-02", "2026-01-05", "2026-01-06", "2026-01-30", "2026-02-02", "2026-02-03"];
    expect(dayRanges(["2026-01-01", ...businessDays], 7, 31)).toEqual([
      { first: "2026-01-01", last: "2026-01-06" },
      { first: "2026-01-30", last: "2026-02-03" },
    ]);
    const year = Array.from({ length: 365 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const ranges = dayRanges(year);
    expect(ranges).toHaveLength(12);
    expect(ranges[0]).toEqual({ first: "2026-01-01", last: "2026-01-31" });
    expect(ranges.at(-1)?.last).toBe("2026-12-31");
  });

  test("nothing changed, nothing to do", () => {
    expect(dayRanges([])).toEqual([]);
  });
});
