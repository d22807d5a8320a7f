// One contract, every state store: what ranking-service relies on from `rankings`, `country-stats` and
// `daily-selections`, exercised through a real daprd over the Dapr HTTP state API.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createDaprStateClient, type DaprStateClient } from "./support/dapr-state-client.ts";
import { type Sidecar, startSidecar } from "./support/daprd-sidecar.ts";
import { incrementWithEtagRetries, waitUntilGone } from "./support/state-loops.ts";
import {
  appId,
  componentName,
  prepareStore,
  type ReadyStore,
  runDir,
  stopServer,
  storeKinds,
} from "./support/store-targets.ts";

const runId = Date.now().toString(36);
const stores = storeKinds.map((kind) => prepareStore(kind, process.env));

afterAll(() => {
  for (const store of stores)
    if ("startedServer" in store && store.startedServer) stopServer(store.startedServer);
});

for (const [index, store] of stores.entries()) {
  if ("problem" in store) {
    if (store.required) {
      describe(`state.${store.kind}`, () => {
        test("is available to the suite", () => expect(store.problem).toBeNull());
      });
    } else {
      console.warn(`[state-stores] state.${store.kind} not tested (not required): ${store.problem}`);
    }
    continue;
  }
  describe(`state.${store.kind}`, () => defineContract(store, 19_510 + index * 10));
}

function defineContract(store: ReadyStore, httpPort: number) {
  let sidecar: Sidecar | undefined;
  let sidecarProblem = "daprd has not started";
  const usedKeys = new Set<string>();
  const key = (name: string) => {
    const full = `contract-${runId}-${name}`;
    usedKeys.add(full);
    return full;
  };
  const client = (): DaprStateClient => {
    if (!sidecar) throw new Error(sidecarProblem);
    return createDaprStateClient(sidecar.baseUrl, componentName);
  };

  beforeAll(async () => {
    const logFile = join(runDir, "logs", `daprd-${store.kind}.log`);
    sidecar = await startSidecar({ appId, resourcesDir: store.resourcesDir, httpPort, logFile }).catch(
      (error: Error) => {
        sidecarProblem = error.message;
        return undefined;
      },
    );
  }, 40_000);

  afterAll(async () => {
    if (!sidecar) return;
    await Promise.all([...usedKeys].map((used) => client().remove(used)));
    await sidecar.stop();
  }, 20_000);

  test("daprd initialises the component", async () => {
    expect(sidecar ? null : sidecarProblem).toBeNull();
    const metadata = (await fetch(`${sidecar?.baseUrl}/v1.0/metadata`).then((r) => r.json())) as {
      components: { name: string; type: string }[];
    };
    expect(metadata.components).toContainEqual(
      expect.objectContaining({ name: componentName, type: `state.${store.kind}` }),
    );
  });

  test("a saved value reads back unchanged with an etag; a missing key reads as not found", async () => {
    const value = { destination: "JP", count: 3, label: "도쿄" };
    expect(await client().save(key("round-trip"), value)).toBe(204);
    const read = await client().get<typeof value>(key("round-trip"));
    expect(read).toMatchObject({ found: true, value });
    expect(read.found && read.etag.length).toBeGreaterThan(0);
    expect(await client().get(key("never-written"))).toEqual({ found: false });
  });

  test("a write with a stale etag is refused with 409 and changes nothing", async () => {
    const k = key("stale-etag");
    await client().save(k, { count: 1 });
    const first = await client().get<{ count: number }>(k);
    if (!first.found) throw new Error("value not saved");
    expect(await client().save(k, { count: 2 }, { etag: first.etag })).toBe(204);
    expect(await client().save(k, { count: 99 }, { etag: first.etag })).toBe(409);
    expect(await client().get(k)).toMatchObject({ found: true, value: { count: 2 } });
  });

  test("8 concurrent read-modify-write loops retrying on etag conflicts lose no increment", async () => {
    const k = key("counter");
    await client().save(k, { count: 0 });
    const workers = 8;
    const incrementsEach = 3;
    const conflicts = await Promise.all(
      Array.from({ length: workers }, () => incrementWithEtagRetries(client(), k, incrementsEach)),
    );
    expect(await client().get(k)).toMatchObject({ found: true, value: { count: workers * incrementsEach } });
    console.info(
      `[state-stores] state.${store.kind}: ${conflicts.reduce((a, b) => a + b, 0)} etag conflicts retried`,
    );
  }, 30_000);

  test("first-write: of 6 concurrent creates of a new key exactly one wins and its value stays", async () => {
    const k = key("first-write");
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, writer) => client().save(k, { writer }, { concurrency: "first-write" })),
    );
    const winners = statuses.flatMap((status, writer) => (status === 204 ? [writer] : []));
    expect(winners).toHaveLength(1);
    expect(await client().get(k)).toMatchObject({ found: true, value: { writer: winners[0] } });
    console.info(
      `[state-stores] state.${store.kind}: first-write losers got ${statuses.filter((s) => s !== 204)}`,
    );
  });

  test("first-write with the current etag updates; with a stale one it is refused with 409", async () => {
    const k = key("first-write-etag");
    expect(await client().save(k, { step: 1 }, { concurrency: "first-write" })).toBe(204);
    const read = await client().get<{ step: number }>(k);
    if (!read.found) throw new Error("value not saved");
    expect(await client().save(k, { step: 2 }, { concurrency: "first-write", etag: read.etag })).toBe(204);
    expect(await client().save(k, { step: 3 }, { concurrency: "first-write", etag: read.etag })).toBe(409);
    expect(await client().get(k)).toMatchObject({ found: true, value: { step: 2 } });
  });

  test("bulk get returns every requested key, missing ones without data", async () => {
    const [a, b, missing] = [key("bulk-a"), key("bulk-b"), key("bulk-missing")];
    await client().save(a, { n: "a" });
    await client().save(b, { n: "b" });
    const items = await client().bulkGet([a, b, missing]);
    const byKey = new Map(items.map((item) => [item.key, item]));
    expect(byKey.size).toBe(3);
    expect(byKey.get(a)).toMatchObject({ data: { n: "a" }, etag: expect.any(String) });
    expect(byKey.get(b)).toMatchObject({ data: { n: "b" }, etag: expect.any(String) });
    expect(byKey.get(missing)?.data).toBeUndefined();
  });

  test("delete with a stale etag is refused with 409; with the current etag it removes the key", async () => {
    const k = key("delete");
    await client().save(k, { v: 1 });
    const first = await client().get(k);
    if (!first.found) throw new Error("value not saved");
    await client().save(k, { v: 2 }, { etag: first.etag });
    expect(await client().remove(k, first.etag)).toBe(409);
    const current = await client().get(k);
    if (!current.found) throw new Error("a refused delete removed the key");
    expect(await client().remove(k, current.etag)).toBe(204);
    expect(await client().get(k)).toEqual({ found: false });
  });

  test("metadata.ttlInSeconds expires a value while one without TTL stays", async () => {
    const [shortLived, kept] = [key("ttl-short"), key("ttl-kept")];
    expect(await client().save(shortLived, { v: "expires" }, { ttlInSeconds: 1 })).toBe(204);
    await client().save(kept, { v: "kept" });
    expect(await client().get(shortLived)).toMatchObject({ found: true, value: { v: "expires" } });
    expect(await waitUntilGone(client(), shortLived, 6_000)).toBe(true);
    expect(await client().get(kept)).toMatchObject({ found: true, value: { v: "kept" } });
  }, 10_000);

  if (store.transactional) {
    test("a transaction applies its upserts and deletes together", async () => {
      const [x, y, gone] = [key("tx-x"), key("tx-y"), key("tx-gone")];
      await client().save(gone, { v: "before" });
      const result = await client().transact([
        { operation: "upsert", request: { key: x, value: { v: "x" } } },
        { operation: "upsert", request: { key: y, value: { v: "y" } } },
        { operation: "delete", request: { key: gone } },
      ]);
      expect(result.status).toBe(204);
      expect(await client().get(x)).toMatchObject({ found: true, value: { v: "x" } });
      expect(await client().get(y)).toMatchObject({ found: true, value: { v: "y" } });
      expect(await client().get(gone)).toEqual({ found: false });
    });

    test("a transaction with one stale etag applies none of its operations", async () => {
      const [fresh, guarded] = [key("tx-fresh"), key("tx-guarded")];
      await client().save(guarded, { v: 1 });
      const stale = await client().get(guarded);
      if (!stale.found) throw new Error("value not saved");
      await client().save(guarded, { v: 2 });
      const result = await client().transact([
        { operation: "upsert", request: { key: fresh, value: { v: "new" } } },
        { operation: "upsert", request: { key: guarded, value: { v: 3 }, etag: stale.etag } },
      ]);
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(await client().get(fresh)).toEqual({ found: false });
      expect(await client().get(guarded)).toMatchObject({ found: true, value: { v: 2 } });
    });
  } else {
    test("transactions are refused (state.mongodb without a replica set)", async () => {
      const result = await client().transact([
        { operation: "upsert", request: { key: key("tx"), value: 1 } },
      ]);
      expect(result.status).toBeGreaterThanOrEqual(400);
    });
  }
}
