import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { INFRA_CALLER, INFRA_ECHO_ROUTE } from "./support/daprd-config.ts";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";
import type { TestApp } from "./support/test-app.ts";

let stack: Stack;
let caller: Sidecar;
let calleeSidecar: Sidecar;
let callee: TestApp;

beforeAll(async () => {
  stack = await startStack("invocation", {
    only: [],
    members: [
      {
        appId: INFRA_CALLER,
        beforeSidecar: (app) => app.on(INFRA_ECHO_ROUTE, () => Response.json({ reached: true })),
      },
      {
        appId: "infra-callee",
        beforeSidecar: (app) =>
          app.on(INFRA_ECHO_ROUTE, (call) =>
            Response.json({ echoed: JSON.parse(call.body) }, { status: 201 }),
          ),
      },
    ],
  });
  caller = stack.members[0]?.sidecar as Sidecar;
  calleeSidecar = stack.members[1]?.sidecar as Sidecar;
  callee = stack.members[1]?.app as TestApp;
}, 60_000);
afterAll(() => stack?.stop());

describe("service invocation and the Dapr API token", () => {
  test("an app reaches another app by app id through its own sidecar", async () => {
    const response = await caller.fetch(`/v1.0/invoke/infra-callee/method${INFRA_ECHO_ROUTE}?x=1`, {
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

  test("the access-control policy refuses a caller it does not list, and routes it does not allow", async () => {
    // infra-callee is not in the policy: its mTLS identity is refused by the caller's sidecar.
    const unlisted = await calleeSidecar.fetch(`/v1.0/invoke/${INFRA_CALLER}/method${INFRA_ECHO_ROUTE}`, {
      method: "POST",
      body: "{}",
    });
    expect(unlisted.status).toBe(403);
    expect(await unlisted.text()).toContain("access control policy has denied access");
    expect(stack.members[0]?.app.callsTo(INFRA_ECHO_ROUTE)).toEqual([]);
    // infra-caller is listed for POST of the echo route only.
    const wrongVerb = await caller.fetch(`/v1.0/invoke/infra-callee/method${INFRA_ECHO_ROUTE}`);
    expect(wrongVerb.status).toBe(403);
    const otherRoute = await caller.fetch("/v1.0/invoke/infra-callee/method/api/v1/other", {
      method: "POST",
    });
    expect(otherRoute.status).toBe(403);
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
