import { describe, expect, test } from "bun:test";
import { shiftedClock } from "./shifted-clock.ts";

describe("shiftedClock", () => {
  test("advancing moves now() forward by exactly that much, and never backward", () => {
    const clock = shiftedClock({ now: () => new Date("2026-11-27T03:00:00Z") });
    clock.advance(120_000);
    expect(clock.now().toISOString()).toBe("2026-11-27T03:02:00.000Z");
    clock.advance(-999_999);
    expect(clock.offsetMs()).toBe(120_000);
  });
});
