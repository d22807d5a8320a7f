// The fake answers as tests/state-stores pinned for state.redis (portable-contract.ts, known-differences.ts).
import { describe, expect, test } from "bun:test";
import { DaprError, EtagMismatchError, manualClock, SidecarUnavailableError } from "@trip/shared";
import { inMemoryStateStore } from "./in-memory-state-store.ts";

const statusOf = (work: Promise<unknown>) =>
  work.then(
    () => 204,
    (err: unknown) => (err instanceof DaprError ? err.status : -1),
  );

describe("inMemoryStateStore, as the state API over state.redis", () => {
  test("a saved value reads back as a copy with an etag; a missing key reads as undefined", async () => {
    const store = inMemoryStateStore();
    const value = { destination: "JP", count: 3, when: new Date("2026-11-27T00:00:00Z") };
    await store.save([{ key: "a", value }]);
    value.count = 99;
    const read = await store.get<{ destination: string; count: number; when: string }>("a");
    expect(read).toEqual({
      value: { destination: "JP", count: 3, when: "2026-11-27T00:00:00.000Z" },
      etag: "1",
    });
    expect(await store.get("never-written")).toBeUndefined();
  });

  test("a stale etag is refused with 409 and changes nothing; a malformed one with 400", async () => {
    const store = inMemoryStateStore();
    await store.save([{ key: "k", value: { count: 1 } }]);
    const first = await store.get("k");
    expect(await statusOf(store.save([{ key: "k", value: { count: 2 }, etag: first?.etag }]))).toBe(204);
    const stale = store.save([{ key: "k", value: { count: 99 }, etag: first?.etag }]);
    await expect(stale).rejects.toBeInstanceOf(EtagMismatchError);
    expect(await statusOf(stale)).toBe(409);
    expect(await statusOf(store.save([{ key: "k", value: 3, etag: "not-an-etag" }]))).toBe(400);
    expect((await store.get("k"))?.value).toEqual({ count: 2 });
  });

  test("concurrent first-write creates of a new key: exactly one wins, the others get 500", async () => {
    const store = inMemoryStateStore();
    const statuses = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((writer) =>
        statusOf(store.save([{ key: "fw", value: { writer }, concurrency: "first-write" }])),
      ),
    );
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 500)).toHaveLength(5);
    expect((await store.get("fw"))?.value).toEqual({ writer: statuses.indexOf(204) });
  });

  test("first-write with the current etag updates; with a stale one it is 409", async () => {
    const store = inMemoryStateStore();
    await store.save([{ key: "k", value: 1, concurrency: "first-write" }]);
    const read = await store.get("k");
    expect(
      await statusOf(store.save([{ key: "k", value: 2, concurrency: "first-write", etag: read?.etag }])),
    ).toBe(204);
    expect(
      await statusOf(store.save([{ key: "k", value: 3, concurrency: "first-write", etag: read?.etag }])),
    ).toBe(409);
    expect((await store.get("k"))?.value).toBe(2);
  });

  test("redis's first-write flag: first-write over a plain key passes, a plain save over a first-write key is 500", async () => {
    const store = inMemoryStateStore();
    await store.save([{ key: "plain", value: 1 }]);
    expect(await statusOf(store.save([{ key: "plain", value: 2, concurrency: "first-write" }]))).toBe(204);
    await store.save([{ key: "created", value: 1, concurrency: "first-write" }]);
    expect(await statusOf(store.save([{ key: "created", value: 2 }]))).toBe(500);
  });

  test("an etag on a missing key creates it; delete of a missing key with an etag succeeds", async () => {
    const store = inMemoryStateStore();
    expect(await statusOf(store.save([{ key: "new", value: 1, etag: "7" }]))).toBe(204);
    expect(await statusOf(store.delete("missing", "1"))).toBe(204);
  });

  test("bulk get returns the keys found with their etags and leaves missing ones out", async () => {
    const store = inMemoryStateStore();
    await store.save([
      { key: "a", value: { n: "a" } },
      { key: "b", value: { n: "b" } },
    ]);
    const found = await store.bulkGet(["a", "b", "missing"]);
    expect([...found.keys()]).toEqual(["a", "b"]);
    expect(found.get("a")).toEqual({ value: { n: "a" }, etag: "1" });
  });

  test("delete with a stale etag is 409; with the current one it removes the key", async () => {
    const store = inMemoryStateStore();
    await store.save([{ key: "d", value: 1 }]);
    const first = await store.get("d");
    await store.save([{ key: "d", value: 2, etag: first?.etag }]);
    expect(await statusOf(store.delete("d", first?.etag))).toBe(409);
    expect(await statusOf(store.delete("d", (await store.get("d"))?.etag))).toBe(204);
    expect(await store.get("d")).toBeUndefined();
  });

  test("ttlInSeconds expires a value on the store's clock while one without TTL stays", async () => {
    const clock = manualClock("2026-11-27T00:00:00Z");
    const store = inMemoryStateStore("cache", clock);
    await store.save([
      { key: "short", value: "expires", ttlInSeconds: 1 },
      { key: "kept", value: "kept" },
    ]);
    expect(store.ttlOf("short")).toBe(1);
    clock.advance(1_000);
    expect(await store.get("short")).toBeUndefined();
    expect((await store.get("kept"))?.value).toBe("kept");
  });

  test("a transaction applies upserts and deletes; a stale etag fails it with 500 and keeps what came before", async () => {
    const store = inMemoryStateStore();
    await store.save([{ key: "gone", value: 1 }]);
    await store.transaction([
      { operation: "upsert", key: "x", value: "x" },
      { operation: "delete", key: "gone" },
    ]);
    expect(store.dump()).toEqual(new Map([["x", "x"]]));
    const stale = (await store.get("x"))?.etag ?? "";
    await store.save([{ key: "x", value: "x2" }]);
    const refused = store.transaction([
      { operation: "upsert", key: "earlier", value: "kept" },
      { operation: "upsert", key: "x", value: "x3", etag: stale },
    ]);
    expect(await statusOf(refused)).toBe(500);
    await expect(refused).rejects.toMatchObject({ errorCode: "ERR_STATE_TRANSACTION" });
    expect(store.dump()).toEqual(
      new Map([
        ["x", "x2"],
        ["earlier", "kept"],
      ]),
    );
  });

  test("down: every call fails as an unreachable sidecar; reads and writes are counted", async () => {
    const store = inMemoryStateStore("cache");
    store.seed("a", 1);
    await store.get("a");
    await store.bulkGet(["a"]);
    await store.save([{ key: "b", value: 2 }]);
    expect({ reads: store.reads, writes: store.writes }).toEqual({ reads: 2, writes: ["b"] });
    store.down = true;
    await expect(store.get("a")).rejects.toBeInstanceOf(SidecarUnavailableError);
    await expect(store.save([{ key: "a", value: 1 }])).rejects.toBeInstanceOf(SidecarUnavailableError);
  });
});
