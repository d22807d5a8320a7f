import { describe, expect, test } from "bun:test";
import { kstDateOf } from "@trip/shared";
import { periodWindow, previousPeriodWindow, windowEndingAt } from "./kst-windows.ts";

describe("ranking windows on KST dates", () => {
  test("daily is today only; its previous period is yesterday", () => {
    expect(periodWindow("daily", "2026-11-27")).toEqual({
      from: "2026-11-27",
      to: "2026-11-27",
      dates: ["2026-11-27"],
    });
    expect(previousPeriodWindow("daily", "2026-11-27").dates).toEqual(["2026-11-26"]);
  });

  test("weekly is the last 7 KST days including today, across a month end", () => {
    const week = periodWindow("weekly", "2026-12-03");
    expect(week.from).toBe("2026-11-27");
    expect(week.to).toBe("2026-12-03");
    expect(week.dates).toHaveLength(7);
    expect(previousPeriodWindow("weekly", "2026-12-03")).toMatchObject({
      from: "2026-11-20",
      to: "2026-11-26",
    });
  });

  test("monthly is the last 30 KST days including today, across a leap day", () => {
    const month = periodWindow("monthly", "2028-03-10");
    expect(month).toMatchObject({ from: "2028-02-10", to: "2028-03-10" });
    expect(month.dates).toHaveLength(30);
    expect(month.dates).toContain("2028-02-29");
    expect(previousPeriodWindow("monthly", "2028-03-10")).toMatchObject({
      from: "2028-01-11",
      to: "2028-02-09",
    });
  });

  test("the window's today is the KST date: UTC 14:59 is still the same day, UTC 15:00 the next", () => {
    expect(periodWindow("daily", kstDateOf(new Date("2026-11-27T14:59:59.999Z"))).to).toBe("2026-11-27");
    expect(periodWindow("daily", kstDateOf(new Date("2026-11-27T15:00:00.000Z"))).to).toBe("2026-11-28");
    expect(windowEndingAt(kstDateOf(new Date("2026-12-31T15:00:00Z")), 7).from).toBe("2026-12-26");
  });
});
