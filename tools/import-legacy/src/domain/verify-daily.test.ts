import { describe, expect, test } from "bun:test";
import { dailyMismatches } from "./verify-daily.ts";

const bar = (key: string, samples = 2, average = 1391.123456785) => ({
  key,
  open: 1390,
  high: 1392,
  low: 1390,
  close: 1392,
  average,
  samples,
});

describe("daily_stats against the aggregation of exchange_rates", () => {
  test("a missing day and a day with other samples need aggregating; an equal day does not", () => {
    const raw = [bar("2026-03-02"), bar("2026-03-03", 3), bar("2026-03-04")];
    const stored = [bar("2026-03-02", 2, 1391.12345679), bar("2026-03-03", 2), bar("2026-03-05")];
    expect(dailyMismatches(raw, stored)).toEqual({ matched: 1, mismatched: ["2026-03-03", "2026-03-04"] });
  });
});
