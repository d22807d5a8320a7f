/**
 * The provider misbehaves (FX sandbox switch): garbage, an error result, a hang, an HTTP 500. Each run
 * must be recorded as failed with stored data and served rates unchanged; the next normal run stores
 * the new snapshot. http500 comes last: its retries open the sidecar's provider circuit breaker for a
 * minute, and a later file (database outage) sees ingestion succeed again after it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { waitFor } from "../../support/stack.ts";
import { send } from "../support/client.ts";
import {
  advanceSandbox,
  duplicateRateRows,
  recordedRun,
  rowsObservedAt,
  runIngestion,
  runOf,
  type SandboxMode,
  type StoredRates,
  sandboxMode,
  servedUsd,
  setSandboxMode,
  storedRates,
} from "../support/ingestion.ts";
import { STACK } from "../support/stack-env.ts";
import { scenario, type Tally } from "../support/summary.ts";

/** Ingestion works and the sandbox is normal before the first fault. */
const prepare = async () => {
  await waitFor("data-ingestor ready", async () => (await send(`${STACK.ingestor}/ready`)).status === 200, {
    timeoutMs: 30_000,
  });
  await setSandboxMode("normal");
  // Whatever snapshot the sandbox shows now is stored first, so each fault run has exactly one new one.
  // Polled: a provider circuit breaker opened by an earlier run of this suite stays open for ~60 s.
  await waitFor("a working ingestion run", async () => (await runIngestion()).status === 200, {
    timeoutMs: 100_000,
    intervalMs: 5000,
  });
};

/** Injects `mode` for one run and asserts that nothing stored or served changed. */
const failedRunLeavesDataAlone = async (tally: Tally, mode: SandboxMode, slowMs?: number) => {
  // The switch goes first: a scheduled run that starts meanwhile fails too and cannot store the snapshot.
  await setSandboxMode(mode, slowMs);
  tally.faultsInjected += 1;
  let measured: Awaited<ReturnType<typeof measureFailedRun>>;
  try {
    measured = await measureFailedRun();
  } finally {
    await setSandboxMode("normal");
  }
  const { answer, before, after, servedBefore, servedAfter, modeAfter } = measured;
  tally.inputsTried += 1;
  expect(`sandbox switch after the run: ${modeAfter}`).toBe(`sandbox switch after the run: ${mode}`);
  tally.dataLost += Math.max(0, before.rows - after.rows);
  expect(answer.status).toBe(503);
  expect(answer.json?.error?.code).toBe("EXTERNAL_API_ERROR");
  const run = runOf(answer);
  expect(run?.status).toBe("failed");
  expect(recordedRun(String(run?.run_id))?.status).toBe("failed");
  expect(after).toEqual(before);
  expect(servedAfter.status).toBe(200);
  expect(servedAfter.lastUpdated).toBe(servedBefore.lastUpdated);
  tally.faultsSurvived += 1;
  return before;
};

const measureFailedRun = async () => {
  await advanceSandbox();
  const before = storedRates();
  const servedBefore = await servedUsd();
  const answer = await runIngestion();
  const after = storedRates();
  const servedAfter = await servedUsd();
  // The switch is global: another suite flipping it meanwhile would make this run meaningless.
  const modeAfter = await sandboxMode();
  return { answer, before, after, servedBefore, servedAfter, modeAfter };
};

/**
 * Back to normal: the snapshot the failed run could not store is stored now (by this run, or by a
 * scheduled tick just before it — then this run finds it `unchanged`; so does a sandbox whose clock is
 * behind snapshots stored earlier, the market being the same function of time).
 */
const nextRunRecovers = async (tally: Tally, beforeFault: StoredRates) => {
  const answer = await runIngestion();
  expect(answer.status).toBe(200);
  expect(["succeeded", "unchanged"]).toContain(answer.json.data.status);
  expect(rowsObservedAt(String(answer.json.data.observed_at))).toBeGreaterThan(0);
  expect(storedRates().rows).toBeGreaterThanOrEqual(beforeFault.rows);
  expect(duplicateRateRows()).toBe(0);
  tally.notes.push(`next run: ${answer.json.data.status}, ${answer.json.data.inserted} rows`);
};

describe("the rate provider fails", () => {
  beforeAll(prepare, 120_000);
  afterAll(() => setSandboxMode("normal"));

  test("garbage (half a JSON body): run failed, stored data unchanged, next run recovers", async () => {
    await scenario("fault", "provider answers garbage", async (tally) => {
      await nextRunRecovers(tally, await failedRunLeavesDataAlone(tally, "garbage"));
    });
  });

  test("an error result: run failed, stored data unchanged, next run recovers", async () => {
    await scenario("fault", "provider answers an error result", async (tally) => {
      await nextRunRecovers(tally, await failedRunLeavesDataAlone(tally, "error"));
    });
  });

  test("a hang beyond the binding timeout: run failed, stored data unchanged, next run recovers", async () => {
    await scenario("fault", "provider hangs (15 s)", async (tally) => {
      await nextRunRecovers(tally, await failedRunLeavesDataAlone(tally, "slow", 15_000));
    });
  }, 90_000);

  test("HTTP 500 on every retry: run failed, stored data unchanged", async () => {
    await scenario("fault", "provider answers HTTP 500", async (tally) => {
      await failedRunLeavesDataAlone(tally, "http500");
      tally.notes.push("recovery checked by the database-outage scenario (circuit breaker open ~60 s)");
    });
  }, 60_000);
});
