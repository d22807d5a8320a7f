// What ranking-service may rely on from any of its state stores. Every store must pass all of it.
import { expect, test } from "bun:test";
import { incrementWithEtagRetries, waitUntilGone } from "./state-loops.ts";
import { mustRead, type StoreContext } from "./store-context.ts";

export function definePortableContract(context: StoreContext) {
  const { client, key, kind } = context;

  test("a saved value reads back unchanged with an etag; a missing key reads as not found", async () => {
    const value = { destination: "JP", count: 3, label: "도쿄" };
    expect(await client().save(key("round-trip"), value)).toBe(204);
    const read = await mustRead<typeof value>(context, key("round-trip"));
    expect(read.value).toEqual(value);
    expect(read.etag.length).toBeGreaterThan(0);
    expect(await client().get(key("never-written"))).toEqual({ found: false });
  });

  test("a write with a stale etag is refused with 409 and changes nothing", async () => {
    const k = key("stale-etag");
    await client().save(k, { count: 1 });
    const first = await mustRead(context, k);
    expect(await client().save(k, { count: 2 }, { etag: first.etag })).toBe(204);
    expect(await client().save(k, { count: 99 }, { etag: first.etag })).toBe(409);
    expect((await mustRead(context, k)).value).toEqual({ count: 2 });
  });

  test("8 concurrent read-modify-write loops with etag retries lose no increment", async () => {
    const k = key("counter");
    await client().save(k, { count: 0 });
    const conflicts = await Promise.all(
      Array.from({ length: 8 }, () => incrementWithEtagRetries(client(), k, 3)),
    );
    expect((await mustRead(context, k)).value).toEqual({ count: 24 });
    console.info(
      `[state-stores] state.${kind}: ${conflicts.reduce((a, b) => a + b, 0)} etag conflicts retried`,
    );
  }, 30_000);

  test("6 concurrent first-write creates of a new key: exactly one wins and its value stays", async () => {
    const k = key("first-write");
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, writer) => client().save(k, { writer }, { concurrency: "first-write" })),
    );
    const winners = statuses.flatMap((status, writer) => (status === 204 ? [writer] : []));
    expect(winners).toHaveLength(1);
    expect((await mustRead(context, k)).value).toEqual({ writer: winners[0] });
    console.info(
      `[state-stores] state.${kind}: losing first-write creates got ${statuses.filter((s) => s !== 204)}`,
    );
  });

  test("create-if-missing then etag updates, 8 writers racing from no key: every increment lands", async () => {
    const k = key("created-counter");
    await Promise.all(Array.from({ length: 8 }, () => incrementWithEtagRetries(client(), k, 2)));
    expect((await mustRead(context, k)).value).toEqual({ count: 16 });
  }, 30_000);

  test("first-write with the current etag updates; with a stale one it is refused with 409", async () => {
    const k = key("first-write-etag");
    expect(await client().save(k, { step: 1 }, { concurrency: "first-write" })).toBe(204);
    const read = await mustRead(context, k);
    expect(await client().save(k, { step: 2 }, { concurrency: "first-write", etag: read.etag })).toBe(204);
    expect(await client().save(k, { step: 3 }, { concurrency: "first-write", etag: read.etag })).toBe(409);
    expect((await mustRead(context, k)).value).toEqual({ step: 2 });
  });

  test("bulk get returns every requested key with its etag, missing ones without data", async () => {
    const [a, b, missing] = [key("bulk-a"), key("bulk-b"), key("bulk-missing")];
    await client().save(a, { n: "a" });
    await client().save(b, { n: "b" });
    const byKey = new Map((await client().bulkGet([a, b, missing])).map((item) => [item.key, item]));
    expect(byKey.size).toBe(3);
    expect(byKey.get(a)).toMatchObject({ data: { n: "a" }, etag: expect.any(String) });
    expect(byKey.get(b)).toMatchObject({ data: { n: "b" }, etag: expect.any(String) });
    expect(byKey.get(missing)?.data).toBeUndefined();
  });

  test("delete with a stale etag is refused with 409; with the current etag it removes the key", async () => {
    const k = key("delete");
    await client().save(k, { v: 1 });
    const first = await mustRead(context, k);
    await client().save(k, { v: 2 }, { etag: first.etag });
    expect(await client().remove(k, first.etag)).toBe(409);
    const current = await mustRead(context, k);
    expect(await client().remove(k, current.etag)).toBe(204);
    expect(await client().get(k)).toEqual({ found: false });
  });

  test("metadata.ttlInSeconds expires a value while one without TTL stays", async () => {
    const [shortLived, kept] = [key("ttl-short"), key("ttl-kept")];
    expect(await client().save(shortLived, { v: "expires" }, { ttlInSeconds: 1 })).toBe(204);
    await client().save(kept, { v: "kept" });
    expect((await mustRead(context, shortLived)).value).toEqual({ v: "expires" });
    expect(await waitUntilGone(client(), shortLived, 6_000)).toBe(true);
    expect((await mustRead(context, kept)).value).toEqual({ v: "kept" });
  }, 10_000);

  if (!context.transactional) {
    test("transactions are refused (state.mongodb without a replica set)", async () => {
      const result = await client().transact([
        { operation: "upsert", request: { key: key("tx"), value: 1 } },
      ]);
      expect(result.status).toBe(500);
    });
    return;
  }

  test("a transaction applies its upserts and deletes together", async () => {
    const [x, y, gone] = [key("tx-x"), key("tx-y"), key("tx-gone")];
    await client().save(gone, { v: "before" });
    const result = await client().transact([
      { operation: "upsert", request: { key: x, value: { v: "x" } } },
      { operation: "upsert", request: { key: y, value: { v: "y" } } },
      { operation: "delete", request: { key: gone } },
    ]);
    expect(result.status).toBe(204);
    expect((await mustRead(context, x)).value).toEqual({ v: "x" });
    expect((await mustRead(context, y)).value).toEqual({ v: "y" });
    expect(await client().get(gone)).toEqual({ found: false });
  });

  test("a transaction with a stale etag is refused (500, not 409) and leaves that key unchanged", async () => {
    const guarded = key("tx-guarded");
    await client().save(guarded, { v: 1 });
    const stale = await mustRead(context, guarded);
    await client().save(guarded, { v: 2 });
    const result = await client().transact([
      { operation: "upsert", request: { key: guarded, value: { v: 3 }, etag: stale.etag } },
    ]);
    expect(result.status).toBe(500);
    expect(result.body).toContain("ERR_STATE_TRANSACTION");
    expect((await mustRead(context, guarded)).value).toEqual({ v: 2 });
  });
}
