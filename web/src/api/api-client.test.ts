import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { ApiError, type FetchLike, requestData } from "./api-client.ts";

const schema = z.object({ rate: z.number() });

const answer =
  (status: number, body: unknown, headers: Record<string, string> = {}): FetchLike =>
  async () =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });

const failing = async (promise: Promise<unknown>): Promise<ApiError> => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
};

describe("requestData", () => {
  test("returns the validated data of a success envelope", async () => {
    const data = await requestData("/x", schema, {}, answer(200, { success: true, data: { rate: 1392.4 } }));
    expect(data).toEqual({ rate: 1392.4 });
  });

  test("an error envelope keeps its code, status and correlation id", async () => {
    const body = { success: false, error: { code: "CACHE_UNAVAILABLE", message: "down" } };
    const err = await failing(
      requestData("/x", schema, {}, answer(503, body, { "x-correlation-id": "corr-12345678" })),
    );
    expect([err.status, err.code, err.correlationId]).toEqual([503, "CACHE_UNAVAILABLE", "corr-12345678"]);
  });

  test("a non-JSON failure still becomes an ApiError", async () => {
    const err = await failing(requestData("/x", schema, {}, answer(502, "Bad Gateway")));
    expect([err.status, err.code]).toEqual([502, "HTTP_502"]);
  });

  test("a response of the wrong shape is rejected rather than shown", async () => {
    const err = await failing(
      requestData("/x", schema, {}, answer(200, { success: true, data: { rate: "1392" } })),
    );
    expect(err.code).toBe("INVALID_RESPONSE");
  });

  test("a network failure is reported as such", async () => {
    const offline: FetchLike = async () => {
      throw new TypeError("fetch failed");
    };
    const err = await failing(requestData("/x", schema, {}, offline));
    expect([err.status, err.code]).toEqual([0, "NETWORK_ERROR"]);
  });

  test("a POST sends the JSON body", async () => {
    let sent: RequestInit | undefined;
    const capture: FetchLike = async (_url, init) => {
      sent = init;
      return new Response(JSON.stringify({ success: true, data: { rate: 1 } }), { status: 201 });
    };
    await requestData("/x", schema, { method: "POST", body: { a: 1 } }, capture);
    expect(sent?.method).toBe("POST");
    expect(sent?.body).toBe('{"a":1}');
  });
});
