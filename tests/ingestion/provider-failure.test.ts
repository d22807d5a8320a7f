import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  latestCachedBatch,
  runNow,
  runRecord,
  setSandboxMode,
  storedFingerprint,
  waitForIngestorReady,
  waitForProviderRecovered,
} from "./support/ingestion-stack.ts";

/** Above the ingestor's own provider timeout (FX_TIMEOUT_MS, 12 s) and the binding's (10 s). */
const SLOW_MS = 20_000;

beforeAll(async () => {
  await waitForIngestorReady();
  await setSandboxMode("normal");
  // The cases below must meet the sandbox's faults, not a breaker an earlier suite left open.
  await waitForProviderRecovered();
}, 200_000);

// The sandbox switch is global: put it back even when a test fails.
afterAll(() => setSandboxMode("normal"));

/** Runs once with the sandbox misbehaving; checks the run is recorded failed and nothing stored changed. */
const failingRun = async (mode: string) => {
  await setSandboxMode(mode, mode === "slow" ? SLOW_MS : undefined);
  const before = { stored: storedFingerprint(), latest: await latestCachedBatch() };
  const { status, code, run } = await runNow();
  const after = { stored: storedFingerprint(), latest: await latestCachedBatch() };
  await setSandboxMode("normal");
  return { status, code, run, before, after };
};

describe("a failing provider never corrupts stored data", () => {
  // First: the slow and http500 cases below open the sidecar's circuit breaker for a minute.
  test("a provider answering an empty rates object stores nothing and records an unchanged run", async () => {
    const { status, run, before, after } = await failingRun("empty");
    expect(status).toBe(200);
    expect(run).toMatchObject({ status: "unchanged", inserted: 0, fetched: 0 });
    expect(after).toEqual(before);
  });

  test.each([
    ["garbage", /not valid JSON/],
    ["error", /error result \(invalid-key\)/],
    ["slow", /did not answer in time|circuit breaker/],
    ["http500", /HTTP 500|circuit breaker/],
  ])(
    "sandbox mode %p → 503 EXTERNAL_API_ERROR, run recorded failed, rows and cache unchanged",
    async (mode, reason) => {
      const { status, code, run, before, after } = await failingRun(mode);
      expect(status).toBe(503);
      expect(code).toBe("EXTERNAL_API_ERROR");
      expect(run).toMatchObject({ status: "failed", inserted: 0, published: false });
      expect(run.error).toMatch(reason);
      expect(run.error).not.toMatch(/127\.0\.0\.1|localhost|:8090/);
      expect(runRecord(run.run_id)).toEqual(["failed", run.error as string, "0"]);
      expect(after).toEqual(before);
    },
    60_000,
  );

  test("once the provider is back, the next run succeeds again (after the sidecar's circuit breaker closes)", async () => {
    const recovered = await waitForProviderRecovered();
    expect(["succeeded", "unchanged"]).toContain(recovered.status);
  }, 110_000);
});
