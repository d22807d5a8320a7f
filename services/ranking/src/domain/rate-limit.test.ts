import { describe, expect, test } from "bun:test";
import { FixedWindowLimiter } from "./rate-limit.ts";

const at = (iso: string) => new Date(iso).getTime();

describe("FixedWindowLimiter", () => {
  test("allows up to the limit within a window, then refuses with the seconds left in it", () => {
    const limiter = new FixedWindowLimiter(60_000);
    const rules = [{ key: "ip:a", limit: 3 }];
    for (let i = 0; i < 3; i++) expect(limiter.attempt(rules, at("2026-11-27T00:00:10Z")).allowed).toBe(true);
    expect(limiter.attempt(rules, at("2026-11-27T00:00:15.200Z"))).toEqual({
      allowed: false,
      retryAfterSeconds: 45,
      key: "ip:a",
    });
  });

  test("a request of several selections needs room for all of them and uses up that many", () => {
    const limiter = new FixedWindowLimiter(60_000);
    const rules = [{ key: "ip:a", limit: 5 }];
    expect(limiter.attempt(rules, at("2026-11-27T00:00:10Z"), 3).allowed).toBe(true);
    expect(limiter.attempt(rules, at("2026-11-27T00:00:11Z"), 3)).toMatchObject({
      allowed: false,
      key: "ip:a",
    });
    expect(limiter.attempt(rules, at("2026-11-27T00:00:12Z"), 2).allowed).toBe(true);
    expect(limiter.attempt(rules, at("2026-11-27T00:00:13Z")).allowed).toBe(false);
  });

  test("a new window starts fresh", () => {
    const limiter = new FixedWindowLimiter(60_000);
    const rules = [{ key: "ip:a", limit: 1 }];
    expect(limiter.attempt(rules, at("2026-11-27T00:00:59.999Z")).allowed).toBe(true);
    expect(limiter.attempt(rules, at("2026-11-27T00:00:59.999Z")).allowed).toBe(false);
    expect(limiter.attempt(rules, at("2026-11-27T00:01:00.000Z")).allowed).toBe(true);
  });

  test("Retry-After is at least one second, even in the window's last millisecond", () => {
    const limiter = new FixedWindowLimiter(60_000);
    const rules = [{ key: "s", limit: 1 }];
    limiter.attempt(rules, at("2026-11-27T00:00:59.999Z"));
    expect(limiter.attempt(rules, at("2026-11-27T00:00:59.999Z"))).toMatchObject({ retryAfterSeconds: 1 });
  });

  test("every rule must have room, and a refused request uses up none of them", () => {
    const limiter = new FixedWindowLimiter(60_000);
    const now = at("2026-11-27T00:00:00Z");
    expect(limiter.attempt([{ key: "session:x", limit: 1 }], now).allowed).toBe(true);
    const both = [
      { key: "ip:a", limit: 2 },
      { key: "session:x", limit: 1 },
    ];
    expect(limiter.attempt(both, now)).toMatchObject({ allowed: false, key: "session:x" });
    // The refused attempt did not count against ip:a: two more fit.
    expect(limiter.attempt([{ key: "ip:a", limit: 2 }], now).allowed).toBe(true);
    expect(limiter.attempt([{ key: "ip:a", limit: 2 }], now).allowed).toBe(true);
    expect(limiter.attempt([{ key: "ip:a", limit: 2 }], now).allowed).toBe(false);
  });

  test("clients do not share windows", () => {
    const limiter = new FixedWindowLimiter(60_000);
    const now = at("2026-11-27T00:00:00Z");
    expect(limiter.attempt([{ key: "ip:a", limit: 1 }], now).allowed).toBe(true);
    expect(limiter.attempt([{ key: "ip:b", limit: 1 }], now).allowed).toBe(true);
  });

  test("memory stays bounded: ended windows are forgotten when the map is full", () => {
    const limiter = new FixedWindowLimiter(1000, 10);
    for (let i = 0; i < 10; i++) limiter.attempt([{ key: `k${i}`, limit: 1 }], 0);
    expect(limiter.attempt([{ key: "k0", limit: 1 }], 500).allowed).toBe(false);
    expect(limiter.attempt([{ key: "new", limit: 1 }], 1500).allowed).toBe(true);
    expect(limiter.attempt([{ key: "k0", limit: 1 }], 1500).allowed).toBe(true);
  });
});
