import type { LegacyTable, Rejection } from "./legacy-rows.ts";
import type { Skip } from "./plan-import.ts";
import type { UnitAnchor } from "./units.ts";

export interface TableCounts {
  read: number;
  imported: number;
  skipped: Record<string, number>;
  rejected: Record<string, number>;
}

/** What one import did, per legacy table, with the reasons of every row not written. */
export interface ImportSummary {
  dryRun: boolean;
  tables: Record<LegacyTable, TableCounts>;
  /** A few rows per reason, so an operator can look them up in the old database. */
  examples: Array<{
    table: LegacyTable;
    id: string;
    outcome: "skipped" | "rejected";
    reason: string;
    detail: string;
  }>;
  units: Record<string, { per1: number; per100: number; anchor: number; basis: UnitAnchor["basis"] }>;
  dailyStats: {
    /** Days (currency × KST day) re-aggregated from exchange_rates by history-service's own statement. */
    aggregated: number;
    /** Days whose daily_stats row equals the aggregation of exchange_rates after the import. */
    verified: number;
    /** Days that still differ after the import (0 unless something wrote concurrently). */
    mismatched: number;
  };
  seconds: number;
}

export const EXAMPLES_PER_REASON = 3;

export const emptyCounts = (): TableCounts => ({ read: 0, imported: 0, skipped: {}, rejected: {} });

const bump = (counts: Record<string, number>, reason: string, by = 1) => {
  counts[reason] = (counts[reason] ?? 0) + by;
};

/** Counts skipped and rejected rows into their tables and keeps the first few of each reason. */
export const tally = (
  summary: ImportSummary,
  outcomes: ReadonlyArray<{ outcome: "skipped" | "rejected"; row: Skip | Rejection }>,
): void => {
  for (const { outcome, row } of outcomes) {
    const counts = summary.tables[row.table];
    bump(outcome === "skipped" ? counts.skipped : counts.rejected, row.reason);
    const shown = summary.examples.filter(
      (e) => e.table === row.table && e.reason === row.reason && e.outcome === outcome,
    ).length;
    if (shown < EXAMPLES_PER_REASON) summary.examples.push({ ...row, outcome });
  }
};

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const reasons = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ");

/** The summary as the lines an operator reads at the end of a run. */
export const formatSummary = (s: ImportSummary): string => {
  const lines = [s.dryRun ? "legacy import (dry run: nothing written)" : "legacy import"];
  for (const [table, c] of Object.entries(s.tables)) {
    lines.push(
      `  ${table}: read ${c.read}, imported ${c.imported}, skipped ${total(c.skipped)}, rejected ${total(c.rejected)}`,
    );
    if (total(c.skipped) > 0) lines.push(`    skipped: ${reasons(c.skipped)}`);
    if (total(c.rejected) > 0) lines.push(`    rejected: ${reasons(c.rejected)}`);
  }
  const per100 = Object.entries(s.units).filter(([, u]) => u.per100 > 0);
  if (per100.length > 0) {
    lines.push(`  per-100 quotes normalised: ${per100.map(([code, u]) => `${code} ${u.per100}`).join(", ")}`);
  }
  const d = s.dailyStats;
  lines.push(
    s.dryRun
      ? `  daily_stats: ${d.mismatched} days to aggregate, ${d.verified} already equal to exchange_rates`
      : `  daily_stats: ${d.aggregated} days aggregated, ${d.verified} verified equal to exchange_rates, ${d.mismatched} mismatched`,
  );
  for (const e of s.examples)
    lines.push(`  e.g. ${e.outcome} ${e.table} id ${e.id} (${e.reason}): ${e.detail}`);
  lines.push(`  took ${s.seconds.toFixed(1)} s`);
  return lines.join("\n");
};

/** Rows accounted for: every row read is imported, skipped or rejected exactly once. */
export const accountedFor = (c: TableCounts): number => c.imported + total(c.skipped) + total(c.rejected);
