import { describe, expect, test } from "bun:test";
import { manualClock } from "@trip/shared";
import { overridableClock } from "./overridable-clock.ts";

describe("overridableClock", () => {
  test("reads the set instant and keeps running from it, or stands still when frozen", () => {
    const base = manualClock("2026-11-27T03:00:00.000Z");
    const clock = overridableClock(base);
    clock.setNow(new Date("2026-11-27T14:59:59.000Z"));
    base.advance(500);
    expect(clock.now().toISOString()).toBe("2026-11-27T14:59:59.500Z");
    clock.setNow(new Date("2026-11-27T14:59:59.999Z"), { frozen: true });
    base.advance(500);
    expect(clock.now().toISOString()).toBe("2026-11-27T14:59:59.999Z");
    clock.setNow(null);
    expect(clock.now()).toEqual(base.now());
  });
});
