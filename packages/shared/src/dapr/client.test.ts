import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { runWithContext } from "../context.ts";
import { createSidecar } from "./client.ts";
import { DaprError } from "./errors.ts";

interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/** A local HTTP server standing in for daprd: records each request, answers with `respond`. */
let respond: (req: SeenRequest) => Response = () => new Response(null, { status: 204 });
let seen: SeenRequest[] = [];
const fakeSidecar = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(request) {
    const url = new URL(request.url);
    const req = {
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
      body: await request.text(),
    };
    seen.push(req);
    return respond(req);
  },
});
afterAll(() => fakeSidecar.stop(true));
beforeEach(() => {
  seen = [];
  respond = () => new Response(null, { status: 204 });
});
const sidecar = createSidecar({ baseUrl: `http://127.0.0.1:${fakeSidecar.port}/`, apiToken: "dapr-tok" });
const only = () => {
  expect(seen).toHaveLength(1);
  return seen[0] as SeenRequest;
};
const failWith = (status: number, errorCode: string, message: string) => () =>
  Response.json({ errorCode, message }, { status });

describe("output binding", () => {
  test("posts operation, metadata and data; returns the body and the metadata.* headers", async () => {
    respond = () =>
      new Response('{"result":"success"}', {
        headers: { "Metadata.StatusCode": "200", "metadata.rows-affected": "3", "x-other": "left out" },
      });
    const result = await sidecar
      .binding("fx-provider")
      .invoke("get", { probe: 1 }, { path: "/v6/latest/KRW" });
    expect(result).toEqual({
      body: '{"result":"success"}',
      metadata: { statuscode: "200", "rows-affected": "3" },
    });
    const req = only();
    expect([req.method, req.path]).toEqual(["POST", "/v1.0/bindings/fx-provider"]);
    expect(req.headers.get("dapr-api-token")).toBe("dapr-tok");
    expect(req.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(req.body)).toEqual({
      operation: "get",
      metadata: { path: "/v6/latest/KRW" },
      data: { probe: 1 },
    });
  });

  test("without data the request has no data key; a failed invoke throws a DaprError", async () => {
    await sidecar.binding("trip-db").invoke("query", undefined, { sql: "SELECT 1" });
    expect(JSON.parse(only().body)).toEqual({ operation: "query", metadata: { sql: "SELECT 1" } });
    respond = failWith(500, "ERR_INVOKE_OUTPUT_BINDING", "Error 1146: table missing");
    const err = await sidecar
      .binding("trip-db")
      .invoke("exec")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DaprError);
    expect([(err as DaprError).status, (err as DaprError).errorCode]).toEqual([
      500,
      "ERR_INVOKE_OUTPUT_BINDING",
    ]);
  });
});

describe("publish", () => {
  test("posts the JSON data to the topic; metadata goes in the query as metadata.*", async () => {
    await sidecar
      .publisher("pubsub")
      .publish("exchange-rates.updated", { base: "KRW" }, { partitionKey: "rates", ttlInSeconds: "60" });
    const req = only();
    expect([req.method, req.path]).toEqual([
      "POST",
      "/v1.0/publish/pubsub/exchange-rates.updated?metadata.partitionKey=rates&metadata.ttlInSeconds=60",
    ]);
    expect(JSON.parse(req.body)).toEqual({ base: "KRW" });
    expect(req.headers.get("content-type")).toBe("application/json");
  });

  test("a refused publish throws instead of returning an error value", async () => {
    respond = failWith(404, "ERR_PUBSUB_NOT_FOUND", "pubsub nope is not found");
    await expect(sidecar.publisher("nope").publish("t", {})).rejects.toBeInstanceOf(DaprError);
  });

  test("publishMany sends one bulk request: each event with its own entry id and metadata", async () => {
    await sidecar
      .publisher("pubsub")
      .publishMany("ranking.selection-recorded", [
        { data: { selection_id: "a" }, metadata: { partitionKey: "JP" } },
        { data: { selection_id: "b" } },
      ]);
    const req = only();
    expect([req.method, req.path]).toEqual([
      "POST",
      "/v1.0-alpha1/publish/bulk/pubsub/ranking.selection-recorded",
    ]);
    expect(JSON.parse(req.body)).toEqual([
      {
        entryId: "0",
        event: { selection_id: "a" },
        contentType: "application/json",
        metadata: { partitionKey: "JP" },
      },
      { entryId: "1", event: { selection_id: "b" }, contentType: "application/json" },
    ]);
  });

  test("publishMany of nothing calls nothing; a partly failed bulk publish throws", async () => {
    await sidecar.publisher("pubsub").publishMany("t", []);
    expect(seen).toHaveLength(0);
    respond = () =>
      Response.json({ failedEntries: [{ entryId: "1", error: "broker down" }] }, { status: 500 });
    await expect(
      sidecar.publisher("pubsub").publishMany("t", [{ data: 1 }, { data: 2 }]),
    ).rejects.toBeInstanceOf(DaprError);
  });
});

describe("service invocation", () => {
  test("calls the method path on the app id with token, correlation id and the given request", async () => {
    respond = () => Response.json({ ok: true }, { status: 202 });
    const res = await runWithContext({ correlationId: "corr-12345" }, () =>
      sidecar.invoke("ranking-service", "/api/v1/selections", {
        method: "POST",
        body: '{"country":"JP"}',
        headers: { "content-type": "application/json" },
      }),
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true });
    const req = only();
    expect([req.method, req.path, req.body]).toEqual([
      "POST",
      "/v1.0/invoke/ranking-service/method/api/v1/selections",
      '{"country":"JP"}',
    ]);
    expect(req.headers.get("dapr-api-token")).toBe("dapr-tok");
    expect(req.headers.get("x-correlation-id")).toBe("corr-12345");
  });

  test("percent escapes of the path are escaped once more (daprd decodes it once); the query is not", async () => {
    await sidecar.invoke("currency-service", "/api/v1/currencies/c%25le~%20x%3Fy?symbols=USD%2CJPY");
    expect(only().path).toBe(
      "/v1.0/invoke/currency-service/method/api/v1/currencies/c%2525le~%2520x%253Fy?symbols=USD%2CJPY",
    );
  });

  test("the callee's error status is handed back as the Response, not thrown", async () => {
    respond = () => new Response("down", { status: 503 });
    const res = await sidecar.invoke("currency-service", "health");
    expect([res.status, await res.text()]).toEqual([503, "down"]);
    expect([only().method, only().path]).toEqual(["GET", "/v1.0/invoke/currency-service/method/health"]);
  });
});

describe("distributed lock", () => {
  test("tryLock posts resourceId, lockOwner and expiry; true only when the store says success", async () => {
    respond = () => Response.json({ success: true });
    expect(await sidecar.lock("lockstore").tryLock("ingest", "replica-1", 30)).toBe(true);
    expect(only().path).toBe("/v1.0-alpha1/lock/lockstore");
    expect(JSON.parse(only().body)).toEqual({
      resourceId: "ingest",
      lockOwner: "replica-1",
      expiryInSeconds: 30,
    });
    respond = () => Response.json({ success: false });
    expect(await sidecar.lock("lockstore").tryLock("ingest", "replica-2", 30)).toBe(false);
  });

  test("unlock names Dapr's status codes 0-2; any other status throws", async () => {
    const unlockWith = (status: number) => {
      respond = () => Response.json({ status });
      return sidecar.lock("lockstore").unlock("ingest", "replica-1");
    };
    expect(await unlockWith(0)).toBe("released");
    expect(await unlockWith(1)).toBe("not-found");
    expect(await unlockWith(2)).toBe("held-by-other");
    await expect(unlockWith(3)).rejects.toThrow("internal error (status 3)");
    expect(seen[0]?.path).toBe("/v1.0-alpha1/unlock/lockstore");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ resourceId: "ingest", lockOwner: "replica-1" });
  });
});

describe("secrets", () => {
  test("reads the key's value from the store's map", async () => {
    respond = () => Response.json({ "admin-token": "s3cret" });
    expect(await sidecar.secret("secretstore", "admin-token")).toBe("s3cret");
    expect([only().method, only().path]).toEqual(["GET", "/v1.0/secrets/secretstore/admin-token"]);
  });

  test("an empty map throws; a store error is a DaprError", async () => {
    respond = () => Response.json({});
    await expect(sidecar.secret("secretstore", "admin-token")).rejects.toThrow("is empty");
    respond = failWith(403, "ERR_PERMISSION_DENIED", "access denied by policy");
    await expect(sidecar.secret("secretstore", "admin-token")).rejects.toBeInstanceOf(DaprError);
  });
});

describe("healthy", () => {
  test("true on the sidecar's 204; false when it answers 500 or is unreachable", async () => {
    expect(await sidecar.healthy()).toBe(true);
    expect(only().path).toBe("/v1.0/healthz");
    respond = () => new Response("not ready", { status: 500 });
    expect(await sidecar.healthy()).toBe(false);
    expect(await createSidecar({ baseUrl: "http://127.0.0.1:1" }).healthy()).toBe(false);
  });
});
