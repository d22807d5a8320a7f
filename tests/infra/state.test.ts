import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runId } from "./support/environment.ts";
import { redisCommand } from "./support/redis-cli.ts";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let sidecar: Sidecar;
const key = (name: string) => `infra-test:${runId}:${name}`;
const json = { "content-type": "application/json" };

const save = (store: string, items: unknown[]) =>
  sidecar.fetch(`/v1.0/state/${store}`, { method: "POST", headers: json, body: JSON.stringify(items) });

beforeAll(async () => {
  stack = await startStack("state", {
    only: ["cache", "rankings"],
    members: [{ appId: "infra-state", slot: 1 }],
  });
  sidecar = stack.members[0]?.sidecar as Sidecar;
});
afterAll(() => stack?.stop());

describe("state store on Redis through the sidecar", () => {
  test("a saved value reads back as JSON with an ETag header", async () => {
    expect((await save("cache", [{ key: key("a"), value: { rate: "1392.40" } }])).status).toBe(204);
    const read = await sidecar.fetch(`/v1.0/state/cache/${key("a")}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toMatch(/^\d+$/);
    expect(await read.json()).toEqual({ rate: "1392.40" });
  });

  test("a missing key answers 204 with an empty body", async () => {
    const read = await sidecar.fetch(`/v1.0/state/cache/${key("missing")}`);
    expect(read.status).toBe(204);
    expect(await read.text()).toBe("");
  });

  test("a write with a stale ETag is refused with 409 ERR_STATE_SAVE", async () => {
    await save("cache", [{ key: key("etag"), value: 1 }]);
    const etag = (await sidecar.fetch(`/v1.0/state/cache/${key("etag")}`)).headers.get("etag") ?? "";
    expect((await save("cache", [{ key: key("etag"), value: 2, etag }])).status).toBe(204);
    const stale = await save("cache", [{ key: key("etag"), value: 3, etag }]);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { errorCode: string }).errorCode).toBe("ERR_STATE_SAVE");
    expect(await (await sidecar.fetch(`/v1.0/state/cache/${key("etag")}`)).json()).toBe(2);
  });

  test("first-write concurrency lets exactly one of two concurrent creators win", async () => {
    const create = (value: string) =>
      save("cache", [{ key: key("first"), value, options: { concurrency: "first-write" } }]);
    const statuses = (await Promise.all([create("one"), create("two")])).map((response) => response.status);
    expect(statuses.sort()).toEqual([204, 409]);
    expect(["one", "two"]).toContain(await (await sidecar.fetch(`/v1.0/state/cache/${key("first")}`)).json());
  });

  test("delete with the current ETag removes the key; a stale ETag is refused", async () => {
    await save("cache", [{ key: key("gone"), value: true }]);
    const etag = (await sidecar.fetch(`/v1.0/state/cache/${key("gone")}`)).headers.get("etag") ?? "";
    const stale = await sidecar.fetch(`/v1.0/state/cache/${key("gone")}`, {
      method: "DELETE",
      headers: { "if-match": String(Number(etag) + 1) },
    });
    expect(stale.status).toBe(409);
    const deleted = await sidecar.fetch(`/v1.0/state/cache/${key("gone")}`, {
      method: "DELETE",
      headers: { "if-match": etag },
    });
    expect(deleted.status).toBe(204);
    expect((await sidecar.fetch(`/v1.0/state/cache/${key("gone")}`)).status).toBe(204);
  });

  test("ttlInSeconds expires a cache entry", async () => {
    await save("cache", [{ key: key("ttl"), value: "soon gone", metadata: { ttlInSeconds: "1" } }]);
    expect((await sidecar.fetch(`/v1.0/state/cache/${key("ttl")}`)).status).toBe(200);
    await Bun.sleep(2_100);
    expect((await sidecar.fetch(`/v1.0/state/cache/${key("ttl")}`)).status).toBe(204);
  });

  test("cache keys are bare (keyPrefix none); ranking keys carry the store name", async () => {
    await save("cache", [{ key: key("layout"), value: "x" }]);
    await save("rankings", [{ key: key("layout"), value: "y" }]);
    expect(await redisCommand("EXISTS", key("layout"))).toBe("(integer) 1");
    expect(await redisCommand("EXISTS", `rankings||${key("layout")}`)).toBe("(integer) 1");
    expect(await redisCommand("HGET", key("layout"), "data")).toBe('"\\"x\\""');
  });
});
