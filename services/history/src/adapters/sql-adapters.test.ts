import { describe, expect, test } from "bun:test";
import { fakeSql } from "../testing/fake-sql.ts";
import { sqlAnalysisStore } from "./analysis-store.ts";
import { sqlRateHistoryStore } from "./rate-history-store.ts";
import { sqlSelectionStore } from "./selection-store.ts";

// What bindings.mysql answers: DECIMAL as strings, integers as numbers, NULL columns absent.
const aggregateRow = (bucket: string | number) => ({
  bucket,
  open: "1392.40000000",
  high: "1395.10000000",
  low: "1390.00000000",
  close: "1394.25000000",
  avg: "1392.875000000000",
  samples: 3,
});

describe("sqlRateHistoryStore", () => {
  test("intraday buckets: bound parameters, DECIMAL strings parsed, bucket index → ISO start", async () => {
    const { db, calls } = fakeSql([[aggregateRow(5_882_964)]]);
    const from = new Date("2026-11-26T03:05:00Z");
    const to = new Date("2026-11-27T03:05:00Z");
    const bars = await sqlRateHistoryStore(db).intradayBars("USD", 300, from, to);
    expect(bars).toEqual([
      {
        key: new Date(5_882_964 * 300_000).toISOString(),
        open: 1392.4,
        high: 1395.1,
        low: 1390,
        close: 1394.25,
        average: 1392.875,
        samples: 3,
      },
    ]);
    expect(calls[0]?.params).toEqual([300, "USD", from, to]);
    expect(calls[0]?.sql).toContain("WHERE currency = ? AND observed_at >= ? AND observed_at < ?");
    expect(calls[0]?.sql).not.toContain("USD");
  });

  test("KST-day buckets from raw rows and from daily_stats keep their date keys", async () => {
    const { db, calls } = fakeSql([[aggregateRow("2026-11-27")], [aggregateRow("2026-11-20")]]);
    const store = sqlRateHistoryStore(db);
    expect((await store.rawDailyBars("JPY", new Date(0), new Date(1)))[0]?.key).toBe("2026-11-27");
    expect((await store.dailyStatsBars("JPY", "2026-11-01", "2026-11-25"))[0]?.key).toBe("2026-11-20");
    expect(calls[0]?.sql).toContain("INTERVAL 9 HOUR");
    expect(calls[1]?.params).toEqual(["JPY", "2026-11-01", "2026-11-25"]);
  });

  test("no rows is an empty series", async () => {
    const { db } = fakeSql([[]]);
    expect(await sqlRateHistoryStore(db).rawDailyBars("USD", new Date(0), new Date(1))).toEqual([]);
  });

  test("a NULL aggregate (absent column) is a broken invariant, not a zero", async () => {
    const { open: _open, ...withoutOpen } = aggregateRow("2026-11-27");
    const { db } = fakeSql([[withoutOpen]]);
    await expect(sqlRateHistoryStore(db).rawDailyBars("USD", new Date(0), new Date(1))).rejects.toThrow(
      "column open is NULL",
    );
  });
});

describe("sqlSelectionStore", () => {
  test("INSERT IGNORE keyed by selection_id: 1 row → inserted, 0 → duplicate", async () => {
    const { db, calls } = fakeSql([{ rowsAffected: 1 }, { rowsAffected: 0 }]);
    const store = sqlSelectionStore(db);
    const event = {
      selection_id: "s1",
      country_code: "JP",
      currency_code: "JPY",
      user_hash: null,
      session_id: "sess",
      selected_at: "2026-11-27T14:59:59.999Z",
      kst_date: "2026-11-27",
    };
    expect(await store.record(event)).toBe("inserted");
    expect(await store.record(event)).toBe("duplicate");
    expect(calls[0]?.sql).toContain("INSERT IGNORE INTO user_selections");
    expect(calls[0]?.params).toEqual([
      "s1",
      "JP",
      "JPY",
      null,
      "sess",
      new Date("2026-11-27T14:59:59.999Z"),
      "2026-11-27",
    ]);
  });
});

describe("sqlAnalysisStore", () => {
  test("claimRun is an INSERT IGNORE on the run key", async () => {
    const { db, calls } = fakeSql([{ rowsAffected: 1 }, { rowsAffected: 0 }]);
    const store = sqlAnalysisStore(db);
    const at = new Date("2026-11-27T03:10:00Z");
    expect(await store.claimRun("hourly:2026-11-27T03", "hourly", at)).toBe(true);
    expect(await store.claimRun("hourly:2026-11-27T03", "hourly", at)).toBe(false);
    expect(calls[0]?.params).toEqual(["hourly:2026-11-27T03", "hourly", at]);
  });

  test("watermarks: no succeeded run / no rates yet read as 0 (the binding drops NULL columns)", async () => {
    const { db } = fakeSql([[{}], [{ latest: 4711 }], [{ up_to: "17" }]]);
    const store = sqlAnalysisStore(db);
    expect(await store.processedUpTo()).toBe(0);
    expect(await store.latestRateId()).toBe(4711);
    expect(await store.processedUpTo()).toBe(17);
  });

  test("aggregateDays upserts one currency's KST days from the raw rows of their UTC span", async () => {
    const { db, calls } = fakeSql([{ rowsAffected: 4 }]);
    const now = new Date("2026-11-27T03:10:00Z");
    await sqlAnalysisStore(db).aggregateDays("USD", { first: "2026-11-20", last: "2026-11-21" }, now);
    expect(calls[0]?.sql).toContain("ON DUPLICATE KEY UPDATE");
    expect(calls[0]?.params).toEqual([
      now,
      "USD",
      new Date("2026-11-19T15:00:00Z"),
      new Date("2026-11-21T15:00:00Z"),
    ]);
  });
});
