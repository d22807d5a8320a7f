import { describe, expect, test } from "bun:test";
import type { SqlDatabase, SqlParam } from "@trip/shared";
import { rateDatabase } from "./rate-database.ts";

const recordingSql = (rows: unknown[]) => {
  const calls: { sql: string; params: readonly SqlParam[] }[] = [];
  const sql: SqlDatabase = {
    query: async <T>(text: string, params: readonly SqlParam[] = []) => {
      calls.push({ sql: text, params });
      return rows as T[];
    },
    exec: async () => ({ rowsAffected: 0 }),
  };
  return { sql, calls };
};

describe("rateDatabase", () => {
  test("latest rows: DECIMAL strings parsed, a NULL spread (cast to an empty string) null, DATETIME as UTC", async () => {
    const { sql } = recordingSql([
      {
        currency: "USD",
        rate: "1392.40000000",
        tts: "1406.32000000",
        ttb: "",
        unit: 1,
        provider: "exchangerate-api",
        observed_at: "2026-11-27T03:00:00Z",
        collected_at: "2026-11-27T03:00:04.250Z",
        batch_id: "b1",
      },
      {
        currency: "XAU",
        rate: "1",
        provider: "x",
        observed_at: "2026-11-27T03:00:00Z",
        collected_at: "2026-11-27T03:00:00Z",
        batch_id: "b1",
      },
    ]);
    const quotes = await rateDatabase(sql).latestQuotes();
    expect(quotes).toEqual([
      {
        code: "USD",
        krwPerUnit: 1392.4,
        tts: 1406.32,
        ttb: null,
        unit: 1,
        provider: "exchangerate-api",
        observedAt: new Date("2026-11-27T03:00:00Z"),
        collectedAt: new Date("2026-11-27T03:00:04.250Z"),
        batchId: "b1",
        origin: "database",
      },
    ]);
  });
  test("previous close: bound parameters, strictly before the instant, newest first, one row", async () => {
    const { sql, calls } = recordingSql([{ rate: "1388.10000000" }]);
    const before = new Date("2026-11-26T15:00:00Z");
    expect(await rateDatabase(sql).lastRateBefore("USD", before)).toBe(1388.1);
    expect(calls[0]?.params).toEqual(["USD", before]);
    expect(calls[0]?.sql).toMatch(/currency = \? AND observed_at < \? ORDER BY observed_at DESC LIMIT 1/);
  });
  test("a spread of zero is no spread", async () => {
    const row = {
      currency: "JPY",
      rate: "9.5",
      tts: "0.00000000",
      provider: "p",
      observed_at: "2026-11-27T03:00:00Z",
      collected_at: "2026-11-27T03:00:00Z",
      batch_id: "b",
    };
    expect((await rateDatabase(recordingSql([row]).sql).latestQuotes())[0]).toMatchObject({
      tts: null,
      ttb: null,
    });
  });
  test("no earlier observation is null", async () => {
    expect(await rateDatabase(recordingSql([]).sql).lastRateBefore("USD", new Date())).toBeNull();
  });
});
