import { describe, expect, test } from "bun:test";
import {
  bucketCount,
  dailyWindowCovering,
  defaultInterval,
  INTERVALS,
  intervalAllowed,
  PERIODS,
  windowOf,
} from "./periods.ts";

describe("default interval", () => {
  test("is the finest interval that keeps a period at 400 points or fewer", () => {
    expect(PERIODS.map(defaultInterval)).toEqual(["5min", "hourly", "daily", "daily", "daily", "daily"]);
    for (const period of PERIODS)
      expect(bucketCount(period, defaultInterval(period))).toBeLessThanOrEqual(400);
  });

  test("bucket counts follow the period length", () => {
    expect(bucketCount("1d", "5min")).toBe(288);
    expect(bucketCount("1w", "hourly")).toBe(168);
    expect(bucketCount("1m", "hourly")).toBe(720);
    expect(bucketCount("1y", "daily")).toBe(365);
  });

  test("an explicit interval is refused when it would exceed 2200 points", () => {
    const allowed = PERIODS.flatMap((p) =>
      INTERVALS.filter((i) => intervalAllowed(p, i)).map((i) => `${p}:${i}`),
    );
    expect(allowed).toEqual([
      "1d:5min",
      "1d:hourly",
      "1d:daily",
      "1w:5min",
      "1w:hourly",
      "1w:daily",
      "1m:hourly",
      "1m:daily",
      "3m:hourly",
      "3m:daily",
      "6m:daily",
      "1y:daily",
    ]);
  });
});

describe("windowOf", () => {
  test("intraday windows end with the bucket holding now and hold exactly bucketCount buckets", () => {
    const w = windowOf("1d", "hourly", new Date("2026-11-27T03:20:00Z"));
    expect(w.from.toISOString()).toBe("2026-11-26T04:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-11-27T04:00:00.000Z");
    const five = windowOf("1d", "5min", new Date("2026-11-27T03:22:10Z"));
    expect(five.from.toISOString()).toBe("2026-11-26T03:25:00.000Z");
    expect(five.to.toISOString()).toBe("2026-11-27T03:25:00.000Z");
    expect((five.to.getTime() - five.from.getTime()) / 300_000).toBe(288);
  });

  test("daily windows are KST days: today and the days before it", () => {
    const w = windowOf("1w", "daily", new Date("2026-11-27T03:00:00Z"));
    expect(w).toMatchObject({ kind: "daily", firstDate: "2026-11-21", lastDate: "2026-11-27" });
    expect(w.from.toISOString()).toBe("2026-11-20T15:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-11-27T15:00:00.000Z");
  });

  test("a daily window turns over at KST midnight, not UTC midnight", () => {
    const before = windowOf("1d", "daily", new Date("2026-11-27T14:59:59.999Z"));
    const after = windowOf("1d", "daily", new Date("2026-11-27T15:00:00.000Z"));
    expect(before).toMatchObject({ firstDate: "2026-11-27", lastDate: "2026-11-27" });
    expect(after).toMatchObject({ firstDate: "2026-11-28", lastDate: "2026-11-28" });
  });
});

describe("dailyWindowCovering", () => {
  test("spans the KST days an intraday window touches", () => {
    const now = new Date("2026-11-27T03:00:00Z"); // 12:00 KST; the 1d window starts 12:05 KST the day before
    expect(dailyWindowCovering(windowOf("1d", "5min", now), now)).toMatchObject({
      kind: "daily",
      firstDate: "2026-11-26",
      lastDate: "2026-11-27",
    });
    const daily = windowOf("1m", "daily", now);
    expect(dailyWindowCovering(daily, now)).toBe(daily);
  });
});
