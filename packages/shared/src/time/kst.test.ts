import { describe, expect, test } from "bun:test";
import {
  addKstDays,
  isKstDate,
  kstDateOf,
  kstDatesBetween,
  kstDatesEndingAt,
  kstDayRange,
  kstWeekday,
} from "./kst.ts";

describe("kstDateOf", () => {
  test("23:59:59.999 KST and 00:00:00.000 KST are different days", () => {
    expect(kstDateOf(new Date("2026-11-27T14:59:59.999Z"))).toBe("2026-11-27");
    expect(kstDateOf(new Date("2026-11-27T15:00:00.000Z"))).toBe("2026-11-28");
  });
  test("UTC 14:59 belongs to the same KST day, UTC 15:00 to the next", () => {
    expect(kstDateOf(new Date("2026-12-31T14:59:00Z"))).toBe("2026-12-31");
    expect(kstDateOf(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
  });
});

describe("KST day arithmetic", () => {
  test("a KST day spans 15:00Z to 15:00Z", () => {
    const { start, end } = kstDayRange("2026-11-28");
    expect(start.toISOString()).toBe("2026-11-27T15:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-28T15:00:00.000Z");
  });
  test("adding days crosses months and leap days", () => {
    expect(addKstDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addKstDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  test("a 7-day window ends today and starts six days before", () => {
    const week = kstDatesEndingAt("2026-11-27", 7);
    expect(week).toHaveLength(7);
    expect(week[0]).toBe("2026-11-21");
    expect(week[6]).toBe("2026-11-27");
  });
  test("dates between are inclusive and empty when reversed", () => {
    expect(kstDatesBetween("2026-11-25", "2026-11-27")).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(kstDatesBetween("2026-11-28", "2026-11-27")).toEqual([]);
  });
  test("validates dates and weekdays", () => {
    expect(isKstDate("2026-02-30")).toBe(false);
    expect(isKstDate("2026-11-27")).toBe(true);
    expect(kstWeekday("2026-11-28")).toBe(6);
  });
  test("invalid input is refused instead of producing a date", () => {
    expect(() => addKstDays("27/11/2026", 1)).toThrow(RangeError);
  });
});
