/**
 * The reliability and security suite (docs/reliability.md), in its fixed order. One entry file imports
 * the scenarios because bun runs the files of a directory in directory order, and the order matters:
 * the provider's circuit breaker opened by the http500 fault is waited out by the database scenario, and
 * the secret scan reads every answer collected before it. The last test prints the summary table.
 * One scenario alone: `bun test ./tests/reliability -t "Redis stopped"`.
 */
import "./scenarios/provider-faults.ts";
import "./scenarios/access-control.ts";
import "./scenarios/loopback-only.ts";
import "./scenarios/input-fuzzing.ts";
import "./scenarios/injection-strings.ts";
import "./scenarios/rate-limiting.ts";
import "./scenarios/cache-outage.ts";
import "./scenarios/database-outage.ts";
import "./scenarios/broker-outage.ts";
import "./scenarios/process-kills.ts";
import "./scenarios/scheduled-replicas.ts";
import "./scenarios/secret-leaks.ts";
import { expect, test } from "bun:test";
import { readSummaryFile, SOAK, SUMMARY_FILE, summaryRows } from "./support/summary.ts";
import { renderSummary, totalsOf } from "./support/summary-table.ts";

test("summary: the table of every scenario; no accepted data lost", () => {
  const rows = summaryRows();
  console.log(`\n${renderSummary(rows, SOAK)}\n(written to ${SUMMARY_FILE})\n`);
  expect(rows.length).toBeGreaterThan(0);
  expect(readSummaryFile().rows).toEqual([...rows]);
  expect(totalsOf(rows).dataLost).toBe(0);
  for (const row of rows.filter((r) => r.outcome === "passed"))
    expect(`${row.scenario}: ${row.faultsSurvived}/${row.faultsInjected}`).toBe(
      `${row.scenario}: ${row.faultsInjected}/${row.faultsInjected}`,
    );
});
