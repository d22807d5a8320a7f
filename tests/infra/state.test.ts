import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runId } from "./support/environment.ts";
import { redisCommand } from "./support/redis-cli.ts";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let sidecar: Sidecar;
const key = (name: string) => `infra-test:${runId}:${name}`;

const save = (store: string, items: unknown[]) =>
  sidecar.fetch(`/v1.0/state/${store}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(items),
  });
const read = (store: string, name: string) => sidecar.fetch(`/v1.0/state/${store}/${key(name)}`);
const errorCodeOf = async (response: Response) =>
  ((await response.json()) as { errorCode: string }).errorCode;

beforeAll(async () => {
  stack = await startStack("state", {
    only: ["cache", "rankings"],
    members: [{ appId: "infra-state" }],
  });
  sidecar = stack.members[0]?.sidecar as Sidecar;
}, 60_000);
afterAll(() => stack?.stop());

describe("state store on Redis through the sidecar", () => {
  test("a saved value reads back as JSON with a numeric ETag header", async () => {
    expect((await save("cache", [{ key: key("a"), value: { rate: "1392.40" } }])).status).toBe(204);
    const response = await read("cache", "a");
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toMatch(/^\d+$/);
    expect(await response.json()).toEqual({ rate: "1392.40" });
  });

  test("a missing key answers 204 with an empty body", async () => {
    const response = await read("cache", "missing");
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });

  test("ttlInSeconds expires a cache entry", async () => {
    await save("cache", [{ key: key("ttl"), value: "soon gone", metadata: { ttlInSeconds: "1" } }]);
    expect((await read("cache", "ttl")).status).toBe(200);
    await Bun.sleep(2_100);
    expect((await read("cache", "ttl")).status).toBe(204);
  });

  test("cache keys are bare (keyPrefix none); ranking keys carry the store name", async () => {
    await save("cache", [{ key: key("layout"), value: "x" }]);
    await save("rankings", [{ key: key("layout"), value: "y" }]);
    expect(await redisCommand("EXISTS", key("layout"))).toBe("(integer) 1");
    expect(await redisCommand("EXISTS", `rankings||${key("layout")}`)).toBe("(integer) 1");
  });
});

// Optimistic concurrency is exercised on a ranking store: resiliency policies (none on these stores)
// would retry a conflict and count it toward a circuit breaker.
describe("optimistic concurrency (ETags)", () => {
  test("a write with a stale ETag is refused with 409 ERR_STATE_SAVE and changes nothing", async () => {
    await save("rankings", [{ key: key("etag"), value: 1 }]);
    const etag = (await read("rankings", "etag")).headers.get("etag") ?? "";
    expect((await save("rankings", [{ key: key("etag"), value: 2, etag }])).status).toBe(204);
    const stale = await save("rankings", [{ key: key("etag"), value: 3, etag }]);
    expect(stale.status).toBe(409);
    expect(await errorCodeOf(stale)).toBe("ERR_STATE_SAVE");
    expect(await (await read("rankings", "etag")).json()).toBe(2);
  });

  test("a non-numeric ETag is a 400", async () => {
    const malformed = await save("rankings", [{ key: key("etag"), value: 4, etag: "abc" }]);
    expect(malformed.status).toBe(400);
  });

  test("first-write without an ETag creates a key once; losers get 500 ERR_STATE_SAVE, not 409", async () => {
    const create = (value: string) =>
      save("rankings", [{ key: key("first"), value, options: { concurrency: "first-write" } }]);
    const responses = await Promise.all([create("one"), create("two"), create("three")]);
    expect(responses.map((response) => response.status).sort()).toEqual([204, 500, 500]);
    const losers = responses.filter((response) => response.status === 500);
    expect(await Promise.all(losers.map(errorCodeOf))).toEqual(["ERR_STATE_SAVE", "ERR_STATE_SAVE"]);
    expect(["one", "two", "three"]).toContain(await (await read("rankings", "first")).json());
  });

  test("delete with a stale ETag is 409; with the current one it removes the key", async () => {
    await save("rankings", [{ key: key("gone"), value: true }]);
    const etag = (await read("rankings", "gone")).headers.get("etag") ?? "";
    const remove = (ifMatch: string) =>
      sidecar.fetch(`/v1.0/state/rankings/${key("gone")}`, {
        method: "DELETE",
        headers: { "if-match": ifMatch },
      });
    expect((await remove(String(Number(etag) + 1))).status).toBe(409);
    expect((await remove(etag)).status).toBe(204);
    expect((await read("rankings", "gone")).status).toBe(204);
  });

  // Redis MULTI/EXEC has no rollback: the failing operation is skipped, the others are applied anyway.
  test("a transaction with a stale ETag answers 500 but still applies its other operations", async () => {
    await save("rankings", [{ key: key("tx-a"), value: "a1" }]);
    const transaction = await sidecar.fetch("/v1.0/state/rankings/transaction", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        operations: [
          { operation: "upsert", request: { key: key("tx-b"), value: "b1" } },
          { operation: "upsert", request: { key: key("tx-a"), value: "a2", etag: "999" } },
        ],
      }),
    });
    expect(transaction.status).toBe(500);
    expect(await errorCodeOf(transaction)).toBe("ERR_STATE_TRANSACTION");
    expect(await (await read("rankings", "tx-a")).json()).toBe("a1");
    expect(await (await read("rankings", "tx-b")).json()).toBe("b1");
  });
});
