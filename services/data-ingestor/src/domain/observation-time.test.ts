import { describe, expect, test } from "bun:test";
import { kstDateOf } from "@trip/shared";
import { backfillRange } from "./backfill-range.ts";
import { eximbankNoticeInstant, kstCloseInstant } from "./observation-time.ts";

describe("observation instants", () => {
  test("a daily close is the last millisecond of its KST day and stays on that day", () => {
    const close = kstCloseInstant("2026-11-26");
    expect(close.toISOString()).toBe("2026-11-26T14:59:59.999Z");
    expect(kstDateOf(close)).toBe("2026-11-26");
  });

  test("an Eximbank notice is 11:00 KST of its date", () => {
    expect(eximbankNoticeInstant("2026-11-27").toISOString()).toBe("2026-11-27T02:00:00.000Z");
  });
});

describe("backfillRange", () => {
  test("N calendar days ending yesterday in KST", () => {
    expect(backfillRange(new Date("2026-11-27T03:00:00Z"), 30)).toEqual({
      from: "2026-10-28",
      to: "2026-11-26",
    });
  });

  test("yesterday is a KST yesterday: 23:30 UTC is already the next KST day", () => {
    expect(backfillRange(new Date("2026-11-27T23:30:00Z"), 1)).toEqual({
      from: "2026-11-27",
      to: "2026-11-27",
    });
  });

  test("365 days reach back a year", () => {
    expect(backfillRange(new Date("2026-11-27T03:00:00Z"), 365).from).toBe("2025-11-27");
  });

  test.each([0, -1, 1.5, 3651])("%p days is refused", (days) => {
    expect(() => backfillRange(new Date(), days)).toThrow(RangeError);
  });
});
