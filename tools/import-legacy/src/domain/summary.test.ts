import { describe, expect, test } from "bun:test";
import { accountedFor, emptyCounts, formatSummary, type ImportSummary, tally } from "./summary.ts";

const summary = (): ImportSummary => ({
  dryRun: false,
  tables: { exchange_rate_history: emptyCounts(), daily_exchange_rates: emptyCounts() },
  examples: [],
  units: { JPY: { per1: 0, per100: 12, anchor: 9.1, basis: "catalog-unit" } },
  dailyStats: { aggregated: 2, verified: 2, mismatched: 0 },
  seconds: 1.25,
});

describe("the import summary", () => {
  test("counts reasons per table and keeps three examples per reason", () => {
    const s = summary();
    s.tables.exchange_rate_history.read = 6;
    s.tables.exchange_rate_history.imported = 1;
    const rejection = {
      table: "exchange_rate_history" as const,
      reason: "invalid-rate" as const,
      detail: "0",
    };
    tally(
      s,
      ["1", "2", "3", "4"].map((id) => ({ outcome: "rejected" as const, row: { ...rejection, id } })),
    );
    tally(s, [{ outcome: "skipped", row: { ...rejection, id: "5", reason: "duplicate" } }]);
    expect(s.tables.exchange_rate_history.rejected).toEqual({ "invalid-rate": 4 });
    expect(s.tables.exchange_rate_history.skipped).toEqual({ duplicate: 1 });
    expect(s.examples.map((e) => e.id)).toEqual(["1", "2", "3", "5"]);
    expect(accountedFor(s.tables.exchange_rate_history)).toBe(6);
  });

  test("reads as rows read, imported, skipped and rejected with reasons", () => {
    const s = summary();
    s.tables.exchange_rate_history = {
      read: 10,
      imported: 7,
      skipped: { duplicate: 2 },
      rejected: { "invalid-time": 1 },
    };
    const text = formatSummary(s);
    expect(text).toContain("exchange_rate_history: read 10, imported 7, skipped 2, rejected 1");
    expect(text).toContain("rejected: invalid-time 1");
    expect(text).toContain("per-100 quotes normalised: JPY 12");
    expect(text).toContain("daily_stats: 2 days aggregated, 2 verified");
  });
});
