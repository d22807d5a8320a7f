import { describe, expect, test } from "bun:test";
import { appUrl, getJson, mariadbQuery, waitFor } from "./support/cluster.ts";

/**
 * The cron input bindings fire inside the pods: `cron-ranking` every minute recomputes the ranking
 * snapshot, `cron-ingest` every 2 minutes records an ingestion run in `ingest_runs`. Both wait for a run
 * that starts after this file was loaded, so the second test profits from the time the first one waited.
 */
const since = new Date();

/** A counter's total over its series in Prometheus text, optionally only series with a label value. */
const counterTotal = (metrics: string, name: string, label?: string): number =>
  metrics
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => label === undefined || line.includes(label))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);

describe("cron bindings fire in the pods", () => {
  test(
    "cron-ranking recomputes the ranking snapshot every minute",
    async () => {
      const ranking = appUrl("ranking-service");
      const metricsBefore = await (await fetch(`${ranking}/metrics`)).text();
      const ticksBefore = counterTotal(metricsBefore, "ranking_recomputations_total", 'trigger="tick"');
      const updated = await waitFor(
        "a ranking snapshot computed after the test started",
        async () => {
          const { status, body } = await getJson(`${ranking}/api/v1/rankings?period=daily`);
          const lastUpdated = status === 200 ? (body.data.last_updated as string | null) : null;
          return lastUpdated !== null && new Date(lastUpdated) > since ? lastUpdated : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 3_000 },
      );
      expect(new Date(updated).getTime()).toBeGreaterThan(since.getTime());
      const ticksAfter = counterTotal(
        await (await fetch(`${ranking}/metrics`)).text(),
        "ranking_recomputations_total",
        'trigger="tick"',
      );
      expect(ticksAfter).toBeGreaterThan(ticksBefore);
    },
    { timeout: 100_000 },
  );

  test(
    "cron-ingest records an ingestion run in ingest_runs every 2 minutes",
    async () => {
      const ingestor = appUrl("data-ingestor");
      const run = await waitFor(
        "a cron-triggered ingestion run that started after the test started",
        async () => {
          const { status, body } = await getJson(`${ingestor}/api/v1/ingest/status`);
          const last = status === 200 ? body.data.last_run : null;
          return last?.trigger === "cron" && new Date(last.started_at) > since && last.finished_at
            ? last
            : undefined;
        },
        { timeoutMs: 150_000, intervalMs: 5_000 },
      );
      expect(["succeeded", "partial", "unchanged"]).toContain(run.status);
      expect(run.provider).toBeTruthy();
      // The same run, read from MariaDB itself (the ingestor reaches it only through its sidecar's binding).
      const rows = mariadbQuery(
        `SELECT trigger_kind, status FROM ingest_runs WHERE run_id = '${String(run.run_id).replace(/[^A-Za-z0-9_.:-]/g, "")}'`,
      );
      expect(rows).toEqual([["cron", run.status]]);
    },
    { timeout: 160_000 },
  );
});
