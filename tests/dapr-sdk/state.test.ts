// @dapr/dapr's state API against a real daprd and the committed `cache` store (state.redis), as
// observed with the pinned SDK version. Each test asserts what the SDK does today: an upgrade that
// changes one fails here, and packages/shared/README.md ("Why plain fetch, not @dapr/dapr") is re-read.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { StateConcurrencyEnum, StateConsistencyEnum } from "@dapr/dapr";
import { COMPONENTS } from "../../packages/shared/src/names.ts";
import { runPrefix, type SuiteSidecar, startSuiteSidecar } from "./support/sdk-sidecar.ts";

const store = COMPONENTS.cache;
let suite: SuiteSidecar;
const written = new Set<string>();
/** A key of this run in the shared `cache` store (bare keys: keyPrefix none). */
const key = (name: string) => {
  const full = `${runPrefix}:${name}`;
  written.add(full);
  return full;
};
const sidecarUrl = (path: string) => `http://127.0.0.1:${suite.httpPort}${path}`;
/** The ETag the sidecar holds for `stored`, read with plain fetch (the SDK's `get` cannot, see below). */
const etagOf = async (stored: string) => {
  const res = await fetch(sidecarUrl(`/v1.0/state/${store}/${encodeURIComponent(stored)}`));
  const etag = res.headers.get("etag");
  if (!etag) throw new Error(`no ETag for ${stored} (status ${res.status})`);
  return etag;
};
/**
 * A key of this run whose ETag `stale` is no longer current: written as 1, then (through the SDK) as 2.
 */
const withStaleEtag = async (name: string) => {
  const { client } = suite.client();
  const stored = key(name);
  await client.state.save(store, [{ key: stored, value: 1 }]);
  const stale = await etagOf(stored);
  await client.state.save(store, [{ key: stored, value: 2, etag: stale }]);
  return { stored, stale };
};
/** What the SDK's `get` resolves to, untyped (it is declared `KeyValueType | string`). */
const sdkRead = async (stored: string): Promise<unknown> => suite.client().client.state.get(store, stored);
/** A rejection as a value, so a test can look at it. */
const rejectionOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => undefined,
    (error: unknown) => error,
  );
/** The status a sidecar error carries: the SDK hides it in a JSON string as the Error's message. */
const statusInside = (error: unknown) => (JSON.parse((error as Error).message) as { status: number }).status;

beforeAll(async () => {
  suite = await startSuiteSidecar("state");
});

afterAll(async () => {
  for (const stored of written) {
    await fetch(sidecarUrl(`/v1.0/state/${store}/${encodeURIComponent(stored)}`), { method: "DELETE" });
  }
  const left = await Promise.all(
    [...written].map((stored) =>
      fetch(sidecarUrl(`/v1.0/state/${store}/${encodeURIComponent(stored)}`)).then((res) => res.status),
    ),
  );
  await suite?.sidecar.stop();
  expect(left.every((status) => status === 204)).toBe(true);
});

describe("@dapr/dapr state over HTTP (cache, state.redis)", () => {
  test("get returns the bare value: the ETag the sidecar sends with it is dropped", async () => {
    const { client } = suite.client();
    const stored = key("get-etag");
    expect(await client.state.save(store, [{ key: stored, value: { rate: 1 } }])).toEqual({});
    const res = await fetch(sidecarUrl(`/v1.0/state/${store}/${stored}`));
    expect(res.headers.get("etag")).toMatch(/^\d+$/);
    // The whole answer is the parsed body; nothing else of the response reaches the caller.
    expect(await client.state.get(store, stored)).toEqual({ rate: 1 });
  });

  test("getBulk does carry each key's ETag", async () => {
    const { client } = suite.client();
    const stored = key("bulk-etag");
    await client.state.save(store, [{ key: stored, value: "x" }]);
    const rows = await client.state.getBulk(store, [stored]);
    expect(rows).toEqual([{ key: stored, data: "x", etag: await etagOf(stored) }]);
  });

  test("a missing key reads as an empty string, not undefined", async () => {
    const { client } = suite.client();
    expect(await client.state.get(store, key("never-written"))).toBe("");
  });

  test("a save with a stale ETag is returned as { error }, not thrown; the 409 sits in a JSON message", async () => {
    const { client, logged } = suite.client();
    const { stored, stale } = await withStaleEtag("stale-save");
    const result = await client.state.save(store, [
      {
        key: stored,
        value: 3,
        etag: stale,
        options: {
          concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE,
          consistency: StateConsistencyEnum.CONSISTENCY_STRONG,
        },
      },
    ]);
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error?.name).toBe("Error"); // no error type to tell a conflict from an outage
    expect(statusInside(result.error)).toBe(409);
    // The daprd error body (errorCode ERR_STATE_SAVE) is a string inside that string.
    const sidecarBody = JSON.parse(JSON.parse(result.error?.message ?? "").error_msg) as {
      errorCode: string;
    };
    expect(sidecarBody.errorCode).toBe("ERR_STATE_SAVE");
    // The SDK logs the failure itself at error level, before the caller has decided what it means.
    expect(logged.some((line) => line.includes("Error saving state to store cache"))).toBe(true);
    expect(await sdkRead(stored)).toBe(2);
  });

  test("a delete with a stale ETag is returned as { error } too", async () => {
    const { client } = suite.client();
    const { stored, stale } = await withStaleEtag("stale-delete");
    const result = await client.state.delete(store, stored, { etag: stale });
    expect(statusInside(result.error)).toBe(409);
    expect(await sdkRead(stored)).toBe(2);
  });

  test("a transaction with the ETag as typed ({ value }) is refused by the sidecar, even a current one", async () => {
    const { client } = suite.client();
    const stored = key("typed-etag-transaction");
    await client.state.save(store, [{ key: stored, value: 1 }]);
    const current = await etagOf(stored);
    const thrown = await rejectionOf(
      client.state.transaction(store, [
        { operation: "upsert", request: { key: stored, value: 2, etag: { value: current } } },
      ]),
    );
    expect(statusInside(thrown)).toBe(400);
    expect((thrown as Error).message).toContain("ERR_MALFORMED_REQUEST");
    expect(await sdkRead(stored)).toBe(1);
  });

  test("with a string ETag (against its types) a stale one throws: not returned as save's are", async () => {
    const { client } = suite.client();
    const { stored, stale } = await withStaleEtag("stale-transaction");
    const asSent = stale as unknown as { value: string }; // what the HTTP API takes is the bare string
    const thrown = await rejectionOf(
      client.state.transaction(store, [
        { operation: "upsert", request: { key: stored, value: 3, etag: asSent } },
      ]),
    );
    expect(thrown).toBeInstanceOf(Error);
    expect(statusInside(thrown)).toBe(500); // state.redis answers a transaction's ETag conflict with 500
    expect(await sdkRead(stored)).toBe(2);
  });

  test("keys go into the URL unescaped: a key with '?' reads as another key", async () => {
    const { client } = suite.client();
    const stored = key("question?mark");
    await client.state.save(store, [{ key: stored, value: "kept" }]);
    expect(await etagOf(stored)).toMatch(/^\d+$/); // stored under the full key
    expect(await sdkRead(stored)).toBe(""); // the SDK asked for the part before '?'
  });
});
