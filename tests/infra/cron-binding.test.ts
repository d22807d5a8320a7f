import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eventually } from "./support/eventually.ts";
import { type Stack, startStack } from "./support/stack.ts";
import type { TestApp } from "./support/test-app.ts";

let stack: Stack;
let app: TestApp;

beforeAll(async () => {
  // Every cron component of the profile is loaded (so each schedule must parse, CRON_TZ included);
  // cron-ranking is sped up to fire every second.
  stack = await startStack("cron-binding", {
    only: ["cron-ingest", "cron-ranking", "cron-analysis", "cron-midnight-kst"],
    metadata: { "cron-ranking": { schedule: "@every 1s" } },
    members: [{ appId: "infra-cron" }],
  });
  app = stack.members[0]?.app as TestApp;
}, 60_000);
afterAll(() => stack?.stop());

describe("cron input binding", () => {
  test("a tick reaches the app as POST /<binding name> carrying the app token", async () => {
    const tick = await eventually("a cron tick", () => app.callsTo("/cron-ranking")[0], 5_000);
    expect(tick.method).toBe("POST");
    expect(tick.headers.get("dapr-api-token")).toBeTruthy();
    expect(app.refused).toEqual([]);
  });

  test("a call to the cron route without the app token is refused with 401", async () => {
    const direct = await fetch(`http://127.0.0.1:${app.port}/cron-ranking`, { method: "POST" });
    expect(direct.status).toBe(401);
  });

  test("the slow schedules do not fire during the test", () => {
    expect(app.callsTo("/cron-ingest")).toEqual([]);
    expect(app.callsTo("/cron-midnight-kst")).toEqual([]);
  });
});
