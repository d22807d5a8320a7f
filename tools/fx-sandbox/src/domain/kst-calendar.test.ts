import { describe, expect, test } from "bun:test";
import {
  businessDaysBetween,
  compactToIsoDate,
  isBusinessDay,
  kstDateOf,
  lastClosedBusinessDay,
  stepOfKstDay,
} from "./kst-calendar.ts";

describe("KST calendar", () => {
  test("Friday 15:00Z is already Saturday in Seoul", () => {
    expect(kstDateOf(Date.parse("2026-11-27T14:59:59.999Z"))).toBe("2026-11-27");
    expect(kstDateOf(Date.parse("2026-11-27T15:00:00Z"))).toBe("2026-11-28");
  });

  test("business days are Monday to Friday", () => {
    expect(isBusinessDay("2026-11-27")).toBe(true);
    expect(isBusinessDay("2026-11-28")).toBe(false);
    expect(isBusinessDay("2026-11-29")).toBe(false);
    expect(businessDaysBetween("2026-11-27", "2026-11-30")).toEqual(["2026-11-27", "2026-11-30"]);
  });

  test("the last closed business day skips today and weekends", () => {
    expect(lastClosedBusinessDay(Date.parse("2026-11-27T03:00:00Z"))).toBe("2026-11-26");
    expect(lastClosedBusinessDay(Date.parse("2026-11-30T03:00:00Z"))).toBe("2026-11-27");
  });

  test("2-minute steps count from 00:00 KST", () => {
    expect(stepOfKstDay(Date.parse("2026-11-26T15:00:00Z"))).toBe(0);
    expect(stepOfKstDay(Date.parse("2026-11-27T14:58:30Z"))).toBe(719);
  });

  test("Eximbank's YYYYMMDD dates are validated", () => {
    expect(compactToIsoDate("20261127")).toBe("2026-11-27");
    expect(compactToIsoDate("20261131")).toBeNull();
    expect(compactToIsoDate("2026-11-27")).toBeNull();
  });
});
