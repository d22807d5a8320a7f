import { describe, expect, test } from "bun:test";
import { buildTestApp, jsonResponse } from "./test-app.ts";
import { upstreamFor } from "./upstreams.ts";

const ok = (data: unknown) => jsonResponse(200, { success: true, data });

describe("gateway routing", () => {
  test("each API prefix goes to its service, whole segments only", () => {
    expect(upstreamFor("/api/v1/currencies")).toBe("currency-service");
    expect(upstreamFor("/api/v1/currencies/latest")).toBe("currency-service");
    expect(upstreamFor("/api/v1/rankings/selections")).toBe("ranking-service");
    expect(upstreamFor("/api/v1/history/compare")).toBe("history-service");
    expect(upstreamFor("/api/v1/currenciesX")).toBeUndefined();
    expect(upstreamFor("/api/v1/ingest/run")).toBeUndefined();
    expect(upstreamFor("/api/v1/rankings/admin/recompute")).toBeUndefined();
  });

  test("a GET keeps its path and query and returns the service's answer", async () => {
    const { app, calls } = buildTestApp(() => ok({ rates: { USD: 1392.4 } }));
    const res = await app.request("/api/v1/currencies/latest?symbols=USD,JPY&base=KRW");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { rates: { USD: 1392.4 } } });
    expect(calls[0]).toMatchObject({
      appId: "currency-service",
      path: "/api/v1/currencies/latest?symbols=USD,JPY&base=KRW",
      method: "GET",
    });
  });

  test("a POST passes body and status through unchanged", async () => {
    const { app, calls } = buildTestApp(() =>
      jsonResponse(201, { success: true, data: { selection_id: "s1" } }),
    );
    const body = JSON.stringify({ country_code: "JP", selection_id: "s1" });
    const res = await app.request("/api/v1/rankings/selections", {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(201);
    expect(calls[0]).toMatchObject({ appId: "ranking-service", method: "POST", body });
    expect(calls[0]?.headers["content-type"]).toBe("application/json");
  });

  test("error answers keep status, envelope and Retry-After", async () => {
    const envelope = { success: false, error: { code: "RATE_LIMIT_EXCEEDED", message: "slow down" } };
    const { app } = buildTestApp(() =>
      jsonResponse(429, envelope, { "retry-after": "30", "x-internal": "no" }),
    );
    const res = await app.request("/api/v1/rankings/selections", { method: "POST", body: "{}" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.headers.get("x-internal")).toBeNull();
    expect(await res.json()).toEqual(envelope);
  });

  test("the correlation id comes back on the response", async () => {
    const { app } = buildTestApp(() => ok({}));
    const res = await app.request("/api/v1/history?target=USD", {
      headers: { "x-correlation-id": "corr-abcdef12" },
    });
    expect(res.headers.get("x-correlation-id")).toBe("corr-abcdef12");
  });

  test("the client address replaces a client-sent X-Forwarded-For unless the proxy is trusted", async () => {
    const direct = buildTestApp(() => ok({}), { clientAddress: "203.0.113.7" });
    await direct.app.request("/api/v1/rankings", { headers: { "x-forwarded-for": "1.2.3.4" } });
    expect(direct.calls[0]?.headers["x-forwarded-for"]).toBe("203.0.113.7");

    const proxied = buildTestApp(() => ok({}), { clientAddress: "10.0.0.5", trustForwardedFor: true });
    await proxied.app.request("/api/v1/rankings", { headers: { "x-forwarded-for": "198.51.100.9" } });
    expect(proxied.calls[0]?.headers["x-forwarded-for"]).toBe("198.51.100.9, 10.0.0.5");
  });

  test("cookies and authorization stay at the edge", async () => {
    const { app, calls } = buildTestApp(() => ok({}));
    await app.request("/api/v1/rankings", { headers: { cookie: "a=b", authorization: "Bearer x" } });
    expect(calls[0]?.headers.cookie).toBeUndefined();
    expect(calls[0]?.headers.authorization).toBeUndefined();
  });
});

describe("gateway failures", () => {
  test("an unreachable sidecar is a 503 envelope without addresses", async () => {
    const { app } = buildTestApp(() => {
      throw new TypeError("connect ECONNREFUSED 127.0.0.1:3580");
    });
    const res = await app.request("/api/v1/currencies/USD");
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ success: false, error: { code: "EXTERNAL_API_ERROR" } });
    expect(text).not.toContain("127.0.0.1");
  });

  test("daprd's own invocation error is translated, not leaked", async () => {
    const daprError = {
      errorCode: "ERR_DIRECT_INVOKE",
      message: "dial tcp 127.0.0.1:8001: connection refused",
    };
    const { app } = buildTestApp(() => jsonResponse(500, daprError));
    const res = await app.request("/api/v1/currencies/USD");
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(text).not.toContain("127.0.0.1");
    expect(text).toContain("EXTERNAL_API_ERROR");
  });

  test("a route the access-control policy refuses is a JSON 404, not an outage", async () => {
    const refusal = {
      errorCode: "ERR_DIRECT_INVOKE",
      message:
        "failed to invoke, id: currency-service, err: rpc error: code = PermissionDenied desc = access control policy has denied access to id: spiffe://public/ns/default/web operation: api/v1/currencies verb: POST",
    };
    const { app, calls } = buildTestApp(() => jsonResponse(403, refusal));
    const res = await app.request("/api/v1/currencies", { method: "POST", body: "{}" });
    const text = await res.text();
    expect(res.status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ success: false, error: { code: "NOT_FOUND" } });
    expect(text).not.toContain("spiffe");
    expect(calls.length).toBe(1);
  });

  test("unknown API paths are a JSON 404 and are not forwarded", async () => {
    const { app, calls } = buildTestApp(() => ok({}));
    const res = await app.request("/api/v1/ingest/run", { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ success: false, error: { code: "NOT_FOUND" } });
    expect(calls.length).toBe(0);
  });

  test("bodies over 64 KiB are refused before forwarding", async () => {
    const { app, calls } = buildTestApp(() => ok({}));
    const res = await app.request("/api/v1/rankings/selections", {
      method: "POST",
      body: "x".repeat(70 * 1024),
      headers: { "content-type": "application/json", "content-length": String(70 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(calls.length).toBe(0);
  });
});

describe("malformed paths", () => {
  test("a path segment with control characters is the client's 400, never forwarded", async () => {
    const { app, calls } = buildTestApp(() => ok({}));
    const res = await app.request("/api/v1/currencies/%00%01%1f");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("DATA_VALIDATION_ERROR");
    expect(calls).toHaveLength(0);
  });

  test("a path with percent escapes is forwarded exactly as the client sent it", async () => {
    const { app, calls } = buildTestApp(() => ok({}));
    const res = await app.request("/api/v1/currencies/c%25le~%20x%3Fy?amount=1");
    expect(res.status).toBe(200);
    expect(calls[0]?.path).toBe("/api/v1/currencies/c%25le~%20x%3Fy?amount=1");
  });
});
