import { describe, expect, test } from "bun:test";
import { inMemoryStateStore } from "@trip/shared/testing";
import { createIfAbsent, createManyIfAbsent } from "./create-if-absent.ts";

const savesOf = (store: ReturnType<typeof inMemoryStateStore>) => {
  const saves: string[] = [];
  store.intercept = (operation, key) => {
    if (operation === "save") saves.push(key);
  };
  return saves;
};

describe("createManyIfAbsent", () => {
  test("new keys are created by one bulk save", async () => {
    const store = inMemoryStateStore();
    const saves = savesOf(store);
    const outcomes = await createManyIfAbsent(store, [
      { key: "a", value: 1 },
      { key: "b", value: 2 },
    ]);
    expect(outcomes).toEqual([{ created: true }, { created: true }]);
    expect(saves).toEqual(["a", "b"]);
    expect(store.dump()).toEqual(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
    );
  });

  test("an existing key makes each item settle on its own, without overwriting anything", async () => {
    const store = inMemoryStateStore();
    // Created as the service creates keys: over a plain-written key state.redis lets first-write through.
    await store.save([{ key: "b", value: 20, concurrency: "first-write" }]);
    const outcomes = await createManyIfAbsent(store, [
      { key: "a", value: 1 },
      { key: "b", value: 2 },
      { key: "c", value: 3 },
    ]);
    // The refused bulk save had already written "a" (bulk saves are not atomic): it reads back as ours.
    expect(outcomes).toEqual([
      { created: false, existing: 1 },
      { created: false, existing: 20 },
      { created: true },
    ]);
    expect(store.dump()).toEqual(
      new Map([
        ["b", 20],
        ["a", 1],
        ["c", 3],
      ]),
    );
  });

  test("a key given twice is created once; the second names the first value", async () => {
    const store = inMemoryStateStore();
    const saves = savesOf(store);
    const outcomes = await createManyIfAbsent(store, [
      { key: "a", value: 1 },
      { key: "a", value: 2 },
    ]);
    expect(outcomes).toEqual([{ created: true }, { created: false, existing: 1 }]);
    expect(saves).toEqual(["a", "a"]);
  });

  test("a store failure that wrote nothing is rethrown after the last attempt", async () => {
    const store = inMemoryStateStore();
    let saves = 0;
    store.intercept = (operation) => {
      if (operation !== "save") return;
      saves++;
      throw new Error("store down");
    };
    await expect(createManyIfAbsent(store, [{ key: "a", value: 1 }])).rejects.toThrow("store down");
    expect(saves).toBe(1 + 4); // the bulk save, then four single ones
  });
});

describe("createIfAbsent", () => {
  test("a refused save that left the key absent (a deadlock victim) is tried again", async () => {
    const store = inMemoryStateStore();
    let refusals = 2;
    store.intercept = (operation) => {
      if (operation === "save" && refusals-- > 0) throw new Error("Error 1213: Deadlock found");
    };
    expect(await createIfAbsent(store, "a", 1)).toEqual({ created: true });
    expect(store.dump()).toEqual(new Map([["a", 1]]));
  });
});
