import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let sidecar: Sidecar;

const get = (path: string) =>
  sidecar.fetch("/v1.0/bindings/fx-provider", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operation: "get", metadata: { path } }),
  });

beforeAll(async () => {
  stack = await startStack("http-binding", {
    only: ["fx-provider"],
    members: [{ appId: "infra-http" }],
  });
  sidecar = stack.members[0]?.sidecar as Sidecar;
}, 60_000);
afterAll(() => stack?.stop());

describe("bindings.http (fx-provider) against the FX sandbox", () => {
  test("GET /v6/latest/KRW returns the provider's JSON body and its status in metadata", async () => {
    const response = await get("/v6/latest/KRW");
    expect(response.status).toBe(200);
    expect(response.headers.get("metadata.statuscode")).toBe("200");
    const body = (await response.json()) as {
      result: string;
      base_code: string;
      rates: Record<string, number>;
    };
    expect(body.result).toBe("success");
    expect(body.base_code).toBe("KRW");
    expect(body.rates.USD).toBeGreaterThan(0);
  });

  test("a non-2xx answer from the provider is an error of the binding call", async () => {
    const response = await get("/no-such-endpoint");
    expect(response.status).toBe(500);
    expect(((await response.json()) as { errorCode: string }).errorCode).toBe("ERR_INVOKE_OUTPUT_BINDING");
  });
});
