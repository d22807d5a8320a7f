/** Renders the summary rows as a fixed-width table with a totals line. */
import type { SummaryRow } from "./summary.ts";

const COLUMNS: ReadonlyArray<[string, (row: SummaryRow) => string, number]> = [
  ["area", (r) => r.area, 8],
  ["scenario", (r) => r.scenario, 46],
  ["result", (r) => r.outcome, 7],
  ["faults", (r) => `${r.faultsSurvived}/${r.faultsInjected}`, 6],
  ["inputs", (r) => String(r.inputsTried), 7],
  ["requests", (r) => String(r.requests), 8],
  ["lost", (r) => String(r.dataLost), 4],
];

const cell = (text: string, width: number, right: boolean) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : right ? text.padStart(width) : text.padEnd(width);

export interface Totals {
  faultsInjected: number;
  faultsSurvived: number;
  inputsTried: number;
  requests: number;
  dataLost: number;
  passed: number;
  failed: number;
  notRun: number;
}

export const totalsOf = (rows: readonly SummaryRow[]): Totals => ({
  faultsInjected: rows.reduce((n, r) => n + r.faultsInjected, 0),
  faultsSurvived: rows.reduce((n, r) => n + r.faultsSurvived, 0),
  inputsTried: rows.reduce((n, r) => n + r.inputsTried, 0),
  requests: rows.reduce((n, r) => n + r.requests, 0),
  dataLost: rows.reduce((n, r) => n + r.dataLost, 0),
  passed: rows.filter((r) => r.outcome === "passed").length,
  failed: rows.filter((r) => r.outcome === "failed").length,
  notRun: rows.filter((r) => r.outcome === "not run").length,
});

export const renderSummary = (rows: readonly SummaryRow[], soak: boolean): string => {
  const line = (values: string[]) => values.map((v, i) => cell(v, COLUMNS[i]?.[2] ?? 10, i >= 3)).join("  ");
  const header = line(COLUMNS.map(([name]) => name));
  const body = rows.map((row) => line(COLUMNS.map(([, get]) => get(row))));
  const t = totalsOf(rows);
  const total = line([
    "total",
    `${t.passed} passed, ${t.failed} failed, ${t.notRun} not run`,
    "",
    `${t.faultsSurvived}/${t.faultsInjected}`,
    String(t.inputsTried),
    String(t.requests),
    String(t.dataLost),
  ]);
  const notes = rows
    .filter((row) => row.note)
    .map((row) => `  - ${row.scenario}: ${row.note}`)
    .join("\n");
  const rule = "-".repeat(header.length);
  return [
    `Reliability summary (${soak ? "fast part + soak" : "fast part; soak: set SOAK=1"})`,
    header,
    rule,
    ...body,
    rule,
    total,
    "",
    "Notes:",
    notes,
  ].join("\n");
};
