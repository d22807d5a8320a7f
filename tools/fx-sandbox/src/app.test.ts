import { describe, expect, test } from "bun:test";
import { buildSandbox } from "./testing/sandbox-fixture.ts";

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
