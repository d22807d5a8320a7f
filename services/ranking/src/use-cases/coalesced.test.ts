import { describe, expect, test } from "bun:test";
import { batchedLookup } from "./coalesced.ts";

const deferredReads = () => {
  const calls: { keys: readonly string[]; finish: (err?: Error) => void }[] = [];
  const readMany = (keys: readonly string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      calls.push({
        keys,
        finish: (err) =>
          err ? reject(err) : resolve(new Map(keys.filter((k) => k !== "absent").map((k) => [k, `v:${k}`]))),
      });
    });
  return { calls, readMany };
};

describe("batchedLookup", () => {
  test("a key alone is read at once; keys asked for meanwhile go together in the next read", async () => {
    const { calls, readMany } = deferredReads();
    const lookup = batchedLookup(readMany, 100);
    const first = lookup.get("a");
    expect(calls.map((c) => c.keys)).toEqual([["a"]]);
    const later = [lookup.get("b"), lookup.get("absent"), lookup.get("b")];
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    expect(await first).toBe("v:a");
    await Bun.sleep(0);
    expect(calls[1]?.keys).toEqual(["b", "absent"]);
    calls[1]?.finish();
    expect(await Promise.all(later)).toEqual(["v:b", undefined, "v:b"]);
  });

  test("at most maxBatch keys per read", async () => {
    const { calls, readMany } = deferredReads();
    const lookup = batchedLookup(readMany, 2);
    const all = ["a", "b", "c", "d", "e"].map((k) => lookup.get(k));
    for (let i = 0; i < 3; i++) {
      await Bun.sleep(0);
      calls[i]?.finish();
    }
    expect(await Promise.all(all)).toEqual(["v:a", "v:b", "v:c", "v:d", "v:e"]);
    expect(calls.map((c) => c.keys)).toEqual([["a"], ["b", "c"], ["d", "e"]]);
  });

  test("a failed read fails the keys it carried, and the next keys are read again", async () => {
    const { calls, readMany } = deferredReads();
    const lookup = batchedLookup(readMany, 100);
    const failing = lookup.get("a");
    calls[0]?.finish(new Error("store down"));
    await expect(failing).rejects.toThrow("store down");
    const next = lookup.get("b");
    calls[1]?.finish();
    expect(await next).toBe("v:b");
  });
});
