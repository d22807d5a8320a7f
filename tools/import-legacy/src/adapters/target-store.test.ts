import { describe, expect, test } from "bun:test";
import type { SqlDatabase, SqlParam } from "@trip/shared";
import type { ImportedRate } from "../domain/plan-import.ts";
import { sqlTargetStore } from "./target-store.ts";

const recordingDb = (rowsAffected: number, queryRows: unknown[] = []) => {
  const calls: { sql: string; params: readonly SqlParam[] }[] = [];
  const db: SqlDatabase = {
    query: async <T>(sql: string, params: readonly SqlParam[] = []) => {
      calls.push({ sql, params });
      return queryRows as T[];
    },
    exec: async (sql, params = []) => {
      calls.push({ sql, params });
      return { rowsAffected };
    },
  };
  return { db, calls };
};

const rate = (i: number): ImportedRate => ({
  legacyId: String(i),
  code: "JPY",
  rate: 9.123456 + i,
  tts: null,
  ttb: 9.01,
  unit: 100,
  observedAt: new Date(Date.UTC(2026, 2, 2, i)),
  collectedAt: new Date(Date.UTC(2026, 2, 2, i)),
  batchId: "legacy:koreaexim",
});

describe("sqlTargetStore", () => {
  test("a batch of rates is one statement, every value bound, decimals as exact text, provider legacy", async () => {
    const { db, calls } = recordingDb(2);
    expect(await sqlTargetStore(db).insertRates([rate(0), rate(1)])).toBe(2);
    const [call] = calls;
    expect(calls).toHaveLength(1);
    expect(call?.sql).toContain("ON DUPLICATE KEY UPDATE id = id");
    expect(call?.sql).not.toContain("IGNORE");
    expect(call?.sql.match(/\?/g)?.length).toBe(call?.params.length);
    expect(call?.params.slice(0, 9)).toEqual([
      "JPY",
      "9.12345600",
      null,
      "9.01000000",
      100,
      "legacy",
      new Date(Date.UTC(2026, 2, 2, 0)),
      new Date(Date.UTC(2026, 2, 2, 0)),
      "legacy:koreaexim",
    ]);
  });

  test("nothing to write is no statement", async () => {
    const { db, calls } = recordingDb(0);
    expect(await sqlTargetStore(db).insertRates([])).toBe(0);
    expect(await sqlTargetStore(db).insertDays([], new Date())).toBe(0);
    expect(calls).toHaveLength(0);
  });

  test("a daily-only day spans its KST day: first_at 00:00 KST, last_at the last millisecond", async () => {
    const { db, calls } = recordingDb(1);
    const day = {
      legacyId: "1",
      code: "USD" as const,
      date: "2026-03-02",
      open: 1,
      high: 2,
      low: 1,
      close: 2,
      avg: 1.5,
      samples: 3,
    };
    await sqlTargetStore(db).insertDays([day], new Date("2026-12-01T00:00:00Z"));
    expect(calls[0]?.sql).toContain("ON DUPLICATE KEY UPDATE currency = currency");
    expect(calls[0]?.params.slice(7, 10)).toEqual([
      3,
      new Date("2026-03-01T15:00:00.000Z"),
      new Date("2026-03-02T14:59:59.999Z"),
    ]);
  });

  test("our own latest rates anchor the units; the legacy rows are left out of them", async () => {
    const { db, calls } = recordingDb(0, [
      { currency: "JPY", rate: "9.31000000" },
      { currency: "USD", rate: "" },
    ]);
    expect(await sqlTargetStore(db).storedRates()).toEqual(new Map([["JPY", 9.31]]));
    expect(calls[0]?.params).toEqual(["legacy", "legacy"]);
  });
});
