import { describe, expect, test } from "bun:test";
import { archivedDayOf } from "./archived-day.ts";
import { periodStatistics } from "./country-period-stats.ts";
import { applyDay } from "./country-totals.ts";
import { buildSnapshot, snapshotAsOf } from "./snapshot.ts";
import { advanceTally, countsOfTallies, emptyTally } from "./tally.ts";

const at = new Date("2026-11-27T03:00:00Z");

describe("tallies", () => {
  test("advance counts and cursor together; shards add up to the day", () => {
    const a = advanceTally(emptyTally("2026-11-27", 0), ["JP", "JP", "TH"], 3, false);
    expect(a).toMatchObject({ next_slot: 3, sealed: false, counts: { JP: 2, TH: 1 } });
    const b = advanceTally(emptyTally("2026-11-27", 1), ["JP"], 2, true);
    expect(b.sealed).toBe(true);
    expect(countsOfTallies([a, b])).toEqual({ JP: 3, TH: 1 });
  });
});

describe("snapshots", () => {
  const days = new Map([
    ["2026-11-27", { JP: 3, TH: 1 }],
    ["2026-11-26", { TH: 5 }],
    ["2026-11-21", { US: 2 }],
    ["2026-11-20", { GB: 9 }],
  ]);
  const countsOn = (d: string) => days.get(d) ?? {};

  test("daily covers today and compares with yesterday", () => {
    const daily = buildSnapshot("daily", "2026-11-27", countsOn, at);
    expect(daily).toMatchObject({
      period: "daily",
      date_range: { from: "2026-11-27", to: "2026-11-27" },
      total_selections: 4,
      computed_at: at.toISOString(),
    });
    expect(daily.ranking.map((r) => [r.country_code, r.change])).toEqual([
      ["JP", "NEW"],
      ["TH", "DOWN"],
    ]);
  });

  test("weekly sums the 7 days and compares with the 7 before", () => {
    const weekly = buildSnapshot("weekly", "2026-11-27", countsOn, at);
    expect(weekly.total_selections).toBe(11);
    expect(weekly.ranking.map((r) => [r.country_code, r.score, r.previous_rank])).toEqual([
      ["TH", 6, null],
      ["JP", 3, null],
      ["US", 2, null],
    ]);
  });

  test("a daily snapshot of a finished day reads as an empty ranking of the new day", () => {
    const daily = buildSnapshot("daily", "2026-11-27", countsOn, at);
    expect(snapshotAsOf(daily, "2026-11-28")).toMatchObject({
      date_range: { from: "2026-11-28", to: "2026-11-28" },
      total_selections: 0,
      ranking: [],
    });
    const weekly = buildSnapshot("weekly", "2026-11-27", countsOn, at);
    expect(snapshotAsOf(weekly, "2026-11-28")).toBe(weekly);
  });
});

describe("archived days and cumulative totals", () => {
  test("an archived day keeps counts and ranks", () => {
    expect(archivedDayOf("2026-11-26", { JP: 2, TH: 2, US: 1 }, at)).toEqual({
      date: "2026-11-26",
      total_selections: 5,
      countries: [
        { country_code: "JP", count: 2, rank: 1 },
        { country_code: "TH", count: 2, rank: 1 },
        { country_code: "US", count: 1, rank: 3 },
      ],
      archived_at: at.toISOString(),
    });
  });

  test("applying days accumulates once per day; a day already applied changes nothing", () => {
    const first = applyDay(undefined, "JP", { date: "2026-11-25", count: 4, rank: 2 });
    const second = applyDay(first, "JP", { date: "2026-11-26", count: 7, rank: 1 });
    expect(second).toEqual({
      country_code: "JP",
      total_selections: 11,
      days_selected: 2,
      peak_day: "2026-11-26",
      peak_selections: 7,
      best_rank: 1,
      first_selected_on: "2026-11-25",
      last_selected_on: "2026-11-26",
      through: "2026-11-26",
    });
    expect(applyDay(second, "JP", { date: "2026-11-26", count: 7, rank: 1 })).toBeUndefined();
    expect(applyDay(second, "JP", { date: "2026-11-25", count: 4, rank: 2 })).toBeUndefined();
  });
});

describe("periodStatistics", () => {
  test("total, average, peak (latest of equal days) and growth against the previous period", () => {
    const days = [
      { date: "2026-11-25", count: 2, rank: 1 },
      { date: "2026-11-26", count: 5, rank: 1 },
      { date: "2026-11-27", count: 5, rank: 2 },
    ];
    expect(periodStatistics(days, 8)).toEqual({
      total_selections: 12,
      daily_average: 4,
      peak_day: "2026-11-27",
      peak_selections: 5,
      growth_rate: 50,
    });
  });

  test("no selections: no peak day; no previous selections: no growth rate", () => {
    const days = [
      { date: "2026-11-26", count: 0, rank: null },
      { date: "2026-11-27", count: 0, rank: null },
    ];
    expect(periodStatistics(days, 0)).toEqual({
      total_selections: 0,
      daily_average: 0,
      peak_day: null,
      peak_selections: 0,
      growth_rate: null,
    });
  });
});
