import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";
import type { TestApp } from "./support/test-app.ts";

let stack: Stack;
let caller: Sidecar;
let callee: TestApp;

beforeAll(async () => {
  stack = await startStack("invocation", {
    only: [],
    members: [
      { appId: "infra-caller" },
      {
        appId: "infra-callee",
        beforeSidecar: (app) =>
          app.on("/api/v1/echo", (call) => Response.json({ echoed: JSON.parse(call.body) }, { status: 201 })),
      },
    ],
  });
  caller = stack.members[0]?.sidecar as Sidecar;
  callee = stack.members[1]?.app as TestApp;
}, 60_000);
afterAll(() => stack?.stop());

describe("service invocation and the Dapr API token", () => {
  test("an app reaches another app by app id through its own sidecar", async () => {
    const response = await caller.fetch("/v1.0/invoke/infra-callee/method/api/v1/echo?x=1", {
      method: "POST",
      headers: { "content-type": "application/json", "x-correlation-id": "corr-1" },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ echoed: { hello: "world" } });
    const call = callee.callsTo("/api/v1/echo")[0];
    expect(call?.headers.get("x-correlation-id")).toBe("corr-1");
    expect(call?.headers.get("traceparent")).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  test("a sidecar refuses API calls without the Dapr API token", async () => {
    const anonymous = await fetch(`${caller.url}/v1.0/metadata`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${caller.url}/v1.0/invoke/infra-callee/method/api/v1/echo`, {
      method: "POST",
      headers: { "dapr-api-token": "not-the-token" },
    });
    expect(wrong.status).toBe(401);
    expect((await caller.fetch("/v1.0/metadata")).status).toBe(200);
  });

  test("the health endpoint stays open without a token", async () => {
    expect((await fetch(`${caller.url}/v1.0/healthz`)).status).toBe(204);
  });
});
