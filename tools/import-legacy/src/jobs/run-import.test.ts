import { describe, expect, test } from "bun:test";
import type { Bar } from "@trip/history/src/domain/bars.ts";
import type { AnalysisStore, RateHistoryStore } from "@trip/history/src/use-cases/ports.ts";
import { addKstDays, kstDateOf, manualClock } from "@trip/shared";
import type { TargetStore } from "../adapters/target-store.ts";
import type { ImportedDay, ImportedRate } from "../domain/plan-import.ts";
import { type DumpContents, readDump } from "./read-dump.ts";
import { runImport } from "./run-import.ts";

/** exchange_rates and daily_stats in memory, with a unique key like the real one. */
const memoryTarget = () => {
  const rates = new Map<string, ImportedRate>();
  const stats = new Map<string, Bar>();
  const key = (code: string, at: Date) => `${code}|${at.toISOString()}`;
  const barOf = (rows: ImportedRate[], day: string): Bar => {
    const sorted = [...rows].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
    const values = sorted.map((r) => r.rate);
    return {
      key: day,
      open: values[0] ?? 0,
      high: Math.max(...values),
      low: Math.min(...values),
      close: values.at(-1) ?? 0,
      average: values.reduce((a, b) => a + b, 0) / values.length,
      samples: values.length,
    };
  };
  const rawBars = (code: string, from: Date, to: Date) => {
    const days = new Map<string, ImportedRate[]>();
    for (const r of rates.values()) {
      if (r.code !== code || r.observedAt < from || r.observedAt >= to) continue;
      const day = kstDateOf(r.observedAt);
      days.set(day, [...(days.get(day) ?? []), r]);
    }
    return [...days].map(([day, rows]) => barOf(rows, day));
  };
  const target: TargetStore = {
    storedRates: async () => new Map(),
    importedInstants: async (code, from, to) =>
      new Set(
        [...rates.values()]
          .filter((r) => r.code === code && r.observedAt >= from && r.observedAt <= to)
          .map((r) => r.observedAt.getTime()),
      ),
    insertRates: async (rows) => {
      let n = 0;
      for (const row of rows) {
        if (rates.has(key(row.code, row.observedAt))) continue;
        rates.set(key(row.code, row.observedAt), row);
        n++;
      }
      return n;
    },
    aggregatedDays: async (code) =>
      new Set(
        [...stats.keys()].filter((k) => k.startsWith(`${code}|`)).map((k) => k.split("|")[1] as string),
      ),
    insertDays: async (rows: readonly ImportedDay[]) => {
      for (const d of rows) {
        stats.set(`${d.code}|${d.date}`, { key: d.date, ...d, average: d.avg });
      }
      return rows.length;
    },
  };
  const history: RateHistoryStore = {
    intradayBars: async () => [],
    rawDailyBars: async (code, from, to) => rawBars(code, from, to),
    dailyStatsBars: async (code) =>
      [...stats].filter(([k]) => k.startsWith(`${code}|`)).map(([, bar]) => bar),
  };
  const aggregated: string[] = [];
  const analysis = {
    aggregateDays: async (code: string, range: { first: string; last: string }) => {
      for (let day = range.first; day <= range.last; day = addKstDays(day, 1)) {
        const bars = rawBars(
          code,
          new Date(`${day}T00:00:00+09:00`),
          new Date(`${addKstDays(day, 1)}T00:00:00+09:00`),
        );
        for (const bar of bars) stats.set(`${code}|${bar.key}`, bar);
        if (bars.length > 0) aggregated.push(`${code}|${day}`);
      }
      return 1;
    },
  } as unknown as AnalysisStore;
  return { target, history, analysis, rates, stats, aggregated };
};

const DUMP = [
  "INSERT INTO `exchange_rate_history` (`id`,`currency_code`,`deal_base_rate`,`tts`,`ttb`,`source`,`recorded_at`,`created_at`) VALUES",
  "(1,'JPY',912.3400,928.3000,NULL,'koreaexim','2026-03-02 11:00:00',NULL),(2,'JPY',915.0000,NULL,NULL,'koreaexim','2026-03-02 15:00:00',NULL),",
  "(3,'JPY',915.0000,NULL,NULL,'koreaexim','2026-03-02 15:00:00',NULL),(4,'USD',0.0000,NULL,NULL,'koreaexim','2026-03-02 11:00:00',NULL);",
].join(" ");
const DAILY =
  "INSERT INTO `daily_exchange_rates` (`id`,`currency_code`,`trade_date`,`open_rate`,`close_rate`,`high_rate`,`low_rate`,`avg_rate`,`volume`,`volatility`) VALUES (1,'JPY','2026-03-02',912,915,915,912,913,2,NULL),(2,'JPY','2026-02-27',900,905,906,899,902,4,NULL);";

const lines = async function* () {
  yield DUMP;
  yield DAILY;
};

describe("one import run", () => {
  const clock = manualClock(new Date("2026-12-01T00:00:00Z"));
  const contents = (): Promise<DumpContents> => readDump(lines(), { zone: "Asia/Seoul", now: clock.now() });

  test("imports valid rows per 1 unit, aggregates their days, and a second run changes nothing", async () => {
    const store = memoryTarget();
    const deps = { ...store, clock, progress: () => {} };
    const first = await runImport(deps, { batchSize: 1, dryRun: false }, await contents(), clock.now());
    expect(first.tables.exchange_rate_history).toEqual({
      read: 4,
      imported: 2,
      skipped: { duplicate: 1 },
      rejected: { "invalid-rate": 1 },
    });
    expect(first.tables.daily_exchange_rates).toMatchObject({
      read: 2,
      imported: 1,
      skipped: { "superseded-by-rates": 1 },
    });
    expect([...store.rates.values()].map((r) => [r.rate, r.tts])).toEqual([
      [9.1234, 9.283],
      [9.15, null],
    ]);
    expect(store.stats.get("JPY|2026-02-27")).toMatchObject({ open: 9, close: 9.05, samples: 4 });
    expect(first.dailyStats).toEqual({ aggregated: 1, verified: 1, mismatched: 0 });

    const second = await runImport(deps, { batchSize: 1, dryRun: false }, await contents(), clock.now());
    expect(second.tables.exchange_rate_history.imported).toBe(0);
    expect(second.tables.exchange_rate_history.skipped).toEqual({ duplicate: 1, "already-imported": 2 });
    expect(second.dailyStats).toEqual({ aggregated: 0, verified: 1, mismatched: 0 });
    expect(store.aggregated).toEqual(["JPY|2026-03-02"]);
  });

  test("a dry run writes nothing but reports what it would do", async () => {
    const store = memoryTarget();
    const summary = await runImport(
      { ...store, clock, progress: () => {} },
      { batchSize: 10, dryRun: true },
      await contents(),
      clock.now(),
    );
    expect(summary.tables.exchange_rate_history.imported).toBe(2);
    expect(summary.dailyStats.mismatched).toBe(1);
    expect(store.rates.size).toBe(0);
    expect(store.stats.size).toBe(0);
  });
});
