import { describe, expect, test } from "bun:test";
import { manualClock } from "@trip/shared";
import { createQueryCache } from "./query-cache.ts";

const setup = (ttlMs = 1000, maxEntries = 10) => {
  const clock = manualClock("2026-11-27T03:00:00Z");
  return { clock, cache: createQueryCache({ clock, ttlMs, maxEntries }) };
};

describe("query cache", () => {
  test("serves a computed value until it expires", async () => {
    const { clock, cache } = setup();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.getOrCompute("k", compute)).toBe(1);
    clock.advance(999);
    expect(await cache.getOrCompute("k", compute)).toBe(1);
    clock.advance(1);
    expect(await cache.getOrCompute("k", compute)).toBe(2);
  });

  test("concurrent misses of one key share one computation", async () => {
    const { cache } = setup();
    let computed = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const compute = async () => {
      computed++;
      await gate;
      return "value";
    };
    const all = Promise.all(Array.from({ length: 16 }, () => cache.getOrCompute("k", compute)));
    release();
    expect(await all).toEqual(Array.from({ length: 16 }, () => "value"));
    expect(computed).toBe(1);
  });

  test("clear() drops entries, and a computation started before it is not stored", async () => {
    const { cache } = setup();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const stale = cache.getOrCompute("k", async () => {
      await gate;
      return "stale";
    });
    cache.clear();
    release();
    expect(await stale).toBe("stale");
    expect(cache.size).toBe(0);
    expect(await cache.getOrCompute("k", async () => "fresh")).toBe("fresh");
  });

  test("failures are not cached", async () => {
    const { cache } = setup();
    await expect(cache.getOrCompute("k", async () => Promise.reject(new Error("db down")))).rejects.toThrow(
      "db down",
    );
    expect(await cache.getOrCompute("k", async () => "ok")).toBe("ok");
  });

  test("holds at most maxEntries, dropping the oldest", async () => {
    const { cache } = setup(1000, 2);
    await cache.getOrCompute("a", async () => 1);
    await cache.getOrCompute("b", async () => 2);
    await cache.getOrCompute("c", async () => 3);
    expect(cache.size).toBe(2);
    expect(await cache.getOrCompute("a", async () => 10)).toBe(10);
  });
});
