import { describe, expect, test } from "bun:test";
import { planBarQueries } from "./bar-sources.ts";
import { windowOf } from "./periods.ts";

const now = new Date("2026-11-27T03:00:00Z"); // 12:00 KST on 2026-11-27

describe("planBarQueries", () => {
  test("intraday intervals read raw rows over the window", () => {
    expect(planBarQueries(windowOf("1w", "hourly", now))).toEqual([
      {
        source: "intraday",
        bucketSeconds: 3600,
        from: new Date("2026-11-20T04:00:00Z"),
        to: new Date("2026-11-27T04:00:00Z"),
      },
    ]);
  });

  test("long daily windows read daily_stats for finished days, raw rows for yesterday and today", () => {
    expect(planBarQueries(windowOf("1y", "daily", now))).toEqual([
      { source: "daily-stats", firstDate: "2025-11-28", lastDate: "2026-11-25" },
      { source: "raw-daily", from: new Date("2026-11-25T15:00:00Z"), to: new Date("2026-11-27T15:00:00Z") },
    ]);
  });

  test("a one-day daily window is today's raw rows only", () => {
    expect(planBarQueries(windowOf("1d", "daily", now))).toEqual([
      { source: "raw-daily", from: new Date("2026-11-26T15:00:00Z"), to: new Date("2026-11-27T15:00:00Z") },
    ]);
  });

  test("right after KST midnight the finished day is still read live", () => {
    const justAfter = new Date("2026-11-27T15:00:01Z"); // 00:00:01 KST on 11-28
    expect(planBarQueries(windowOf("1w", "daily", justAfter))).toEqual([
      { source: "daily-stats", firstDate: "2026-11-22", lastDate: "2026-11-26" },
      { source: "raw-daily", from: new Date("2026-11-26T15:00:00Z"), to: new Date("2026-11-28T15:00:00Z") },
    ]);
  });
});
