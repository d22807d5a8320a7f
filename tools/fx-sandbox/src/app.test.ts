import { describe, expect, test } from "bun:test";
import { createApp } from "./app.ts";
import { buildSandbox, referenceRates } from "./testing/sandbox-fixture.ts";

describe("sandbox housekeeping", () => {
  test("GET /health reports the clock, the reference and the switch", async () => {
    const res = await buildSandbox("2026-11-27T03:00:00Z", { control: { mode: "garbage" } }).request(
      "/health",
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      service: "fx-sandbox",
      now: "2026-11-27T03:00:00.000Z",
      reference_date: "2026-01-01",
      currencies: 54,
      control: { mode: "garbage", slowMs: 5000 },
    });
  });

  test("an unknown path answers 404 from the sandbox", async () => {
    const res = await buildSandbox("2026-11-27T03:00:00Z").request("/v7/latest");
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty("sandbox_error");
  });
});

describe("POST /__clock", () => {
  test("moves the market time forward so the next provider snapshot is served", async () => {
    let offset = 0;
    const base = Date.parse("2026-11-27T03:00:00Z");
    const clock = { now: () => new Date(base + offset) };
    const app = createApp({
      clock,
      advanceClock: (ms) => {
        offset += ms;
      },
      seed: "clock-test",
      reference: referenceRates,
    });
    const before = (await (await app.request("/v6/latest/KRW")).json()) as { time_last_update_unix: number };
    const moved = await app.request("/__clock", {
      method: "POST",
      body: JSON.stringify({ advanceMs: 120_000 }),
    });
    expect(moved.status).toBe(200);
    const after = (await (await app.request("/v6/latest/KRW")).json()) as { time_last_update_unix: number };
    expect(after.time_last_update_unix).toBe(before.time_last_update_unix + 120);
    const refused = await app.request("/__clock", {
      method: "POST",
      body: JSON.stringify({ advanceMs: -5 }),
    });
    expect(refused.status).toBe(400);
  });
});
