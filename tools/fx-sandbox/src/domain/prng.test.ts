import { describe, expect, test } from "bun:test";
import { hashString, NORMAL_TAIL_CUT, normalAt, streamKey, uniformAt } from "./prng.ts";

describe("counter-based randomness", () => {
  test("the same (seed, stream, index) always gives the same number", () => {
    const key = streamKey(hashString("seed"), "USD/KRW");
    expect(normalAt(key, 42)).toBe(normalAt(streamKey(hashString("seed"), "USD/KRW"), 42));
    expect(uniformAt(key, -7)).toBe(uniformAt(key, -7));
  });

  test("different seeds or streams give different sequences", () => {
    const a = streamKey(hashString("seed-a"), "USD/KRW");
    const b = streamKey(hashString("seed-b"), "USD/KRW");
    const c = streamKey(hashString("seed-a"), "JPY/USD");
    expect(normalAt(a, 1)).not.toBe(normalAt(b, 1));
    expect(normalAt(a, 1)).not.toBe(normalAt(c, 1));
  });

  test("normals look standard and never pass the tail cut", () => {
    const key = streamKey(hashString("stats"), "x");
    const draws = Array.from({ length: 20_000 }, (_, index) => normalAt(key, index));
    const mean = draws.reduce((sum, z) => sum + z, 0) / draws.length;
    const variance = draws.reduce((sum, z) => sum + (z - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(Math.max(...draws.map(Math.abs))).toBeLessThanOrEqual(NORMAL_TAIL_CUT);
  });
});
