/**
 * MariaDB stopped (the real mariadbd of the stack, by its pid file): currency keeps serving the cached
 * rates, history answers 503 DATABASE_UNAVAILABLE, ingestion records a failure (run answer and
 * `ingest_runs_total{status="failed"}`) and succeeds once MariaDB is back. No stored row is lost.
 */
import { describe, expect, test } from "bun:test";
import { mariadb, waitFor } from "../../support/stack.ts";
import { Claims } from "../support/claims.ts";
import { type Answer, getJson, send } from "../support/client.ts";
import { contractProblems } from "../support/contract.ts";
import { withInfraStopped } from "../support/infra-control.ts";
import { duplicateRateRows, runIngestion, servedUsd, storedRates } from "../support/ingestion.ts";
import { metricValue } from "../support/prometheus.ts";
import { STACK, tokens } from "../support/stack-env.ts";
import { SOAK, scenario, type Tally } from "../support/summary.ts";

/** A history query no cache has seen yet (the service caches answers per query). */
const freshHistoryQuery = () => {
  const targets = ["USD", "JPY", "EUR", "GBP", "CNY", "THB", "VND", "AUD"].sort(() => Math.random() - 0.5);
  return `${STACK.history}/api/v1/history/compare?targets=${targets.slice(0, 4).join(",")}&period=1m`;
};

const whileDatabaseDown = async (tally: Tally, servedBefore: Awaited<ReturnType<typeof servedUsd>>) => {
  const claims = new Claims();
  // Beyond currency's 5 s in-process TTL, so the cache store itself is read again.
  // Four reads 2 s apart: the last comes after currency's 5 s TTL, so the cache store itself was read
  // again (a quote is labelled by the store that confirmed it last) — and the database was not needed.
  for (let i = 0; i < 4; i++) {
    const served = await servedUsd();
    tally.inputsTried += 1;
    claims.equal(`currency read ${i}: status`, served.status, 200);
    // The same rate to 0.000001 won: the cache holds exact decimal strings, but an entry written as a
    // JSON number (before they were strings) keeps only the 6 decimals daprd's state API stores.
    claims.that(
      `currency read ${i}: the rate served before`,
      Math.abs(served.rate - servedBefore.rate) <= 1e-6,
      `${servedBefore.rate} → ${served.rate}`,
    );
    if (i === 3) claims.equal("source of the read after the TTL", served.source, "cache");
    tally.notes.push(`read ${i} source: ${served.source}`);
    if (i < 3) await Bun.sleep(2000);
  }
  const history = await waitFor(
    "history to answer 503",
    async () => {
      const answer = await getJson(freshHistoryQuery());
      return answer.status === 503 || answer.status >= 500 ? answer : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  ).catch((err: Error) => ({ status: -1, text: err.message, json: undefined }) as unknown as Answer);
  claims.equal("history answer", [history.status, history.json?.error?.code], [503, "DATABASE_UNAVAILABLE"]);
  claims.equal("history answer problems", contractProblems(history, [], { unavailableAllowed: true }), []);

  const failedBefore = await metricValue(STACK.ingestor, "ingest_runs_total", { status: "failed" });
  const manual = await runIngestion();
  tally.inputsTried += 1;
  claims.equal(
    "manual ingestion run",
    [manual.status, manual.json?.error?.code],
    [503, "DATABASE_UNAVAILABLE"],
  );
  claims.equal("manual run answer problems", contractProblems(manual, [], { unavailableAllowed: true }), []);
  // A scheduled tick, as the sidecar delivers it: it must answer and count the failed run.
  const tick = await send(`${STACK.ingestor}/cron-ingest`, {
    method: "POST",
    headers: { "dapr-api-token": tokens().app },
    timeoutMs: 60_000,
  });
  tally.inputsTried += 1;
  claims.equal("cron-ingest tick answer", tick.status, 200);
  const failedAfter = await metricValue(STACK.ingestor, "ingest_runs_total", { status: "failed" });
  // ingest_runs is in MariaDB, so neither run could be recorded there: both count in the metric.
  claims.that(
    "the failed manual run and tick recorded in ingest_runs_total{status=failed}",
    failedAfter >= failedBefore + 2,
    `${failedBefore} → ${failedAfter}`,
  );
  tally.notes.push(`ingest_runs_total{status="failed"} ${failedBefore} → ${failedAfter}`);
  claims.equal("history /ready", (await getJson(`${STACK.history}/ready`)).status, 503);
  claims.equal(
    "ingestor /health status",
    (await getJson(`${STACK.ingestor}/health`)).json?.data?.status,
    "degraded",
  );
  expect(claims.problems).toEqual([]);
};

/** Soak only: the next scheduled tick after the outage runs and does not fail (waits up to 2.5 minutes). */
const nextScheduledRunSucceeds = async (): Promise<string> => {
  const since = new Date().toISOString().replace("T", " ").slice(0, 23);
  const [key, status] = await waitFor(
    "the next scheduled ingestion run",
    async () =>
      mariadb(
        `SELECT tick_key, status FROM ingest_runs WHERE trigger_kind = 'cron' AND started_at > '${since}' AND status <> 'running' ORDER BY started_at LIMIT 1`,
      )[0],
    { timeoutMs: 150_000, intervalMs: 2000 },
  );
  expect(["succeeded", "unchanged", "partial"]).toContain(String(status));
  return `next tick ${key}: ${status}`;
};

describe("MariaDB stopped", () => {
  test("currency serves cached rates, history 503, ingestion fails then recovers; no row lost", async () => {
    await scenario("fault", "MariaDB stopped", async (tally) => {
      const before = storedRates();
      const servedBefore = await servedUsd();
      expect(servedBefore.status).toBe(200);
      tally.faultsInjected += 1;
      await withInfraStopped("mariadb", () => whileDatabaseDown(tally, servedBefore));
      // Back: the next run stores again (it may wait out the provider circuit breaker the http500 fault
      // opened in 01-provider-faults).
      const recovered = await waitFor(
        "an ingestion run that succeeds",
        async () => {
          const answer = await runIngestion();
          return answer.status === 200 ? answer : undefined;
        },
        { timeoutMs: 100_000, intervalMs: 5000 },
      );
      expect(["succeeded", "unchanged"]).toContain(recovered.json.data.status);
      const after = storedRates();
      tally.dataLost += Math.max(0, before.rows - after.rows);
      expect(after.rows).toBeGreaterThanOrEqual(before.rows);
      expect(after.maxId).toBeGreaterThanOrEqual(before.maxId);
      expect(duplicateRateRows()).toBe(0);
      const history = await getJson(freshHistoryQuery());
      expect(history.status).toBe(200);
      tally.faultsSurvived += 1;
      tally.notes.push(`recovery run: ${recovered.json.data.status}, ${recovered.json.data.inserted} rows`);
      if (SOAK) tally.notes.push(await nextScheduledRunSucceeds());
    });
  }, 420_000);
});
