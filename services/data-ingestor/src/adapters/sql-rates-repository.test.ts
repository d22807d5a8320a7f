import { describe, expect, test } from "bun:test";
import type { SqlDatabase, SqlParam } from "@trip/shared";
import type { RateRow } from "../domain/rates-publication.ts";
import { INSERT_CHUNK_ROWS, sqlRatesRepository } from "./sql-rates-repository.ts";

const recordingDb = (rowsAffected: (params: readonly SqlParam[]) => number, queryRows: unknown[] = []) => {
  const execs: { sql: string; params: readonly SqlParam[] }[] = [];
  const db: SqlDatabase = {
    query: async <T>() => queryRows as T[],
    exec: async (sql, params = []) => {
      execs.push({ sql, params });
      return { rowsAffected: rowsAffected(params) };
    },
  };
  return { db, execs };
};

const row = (i: number): RateRow => ({
  code: "USD",
  rate: 1469.85 + i / 1000,
  tts: null,
  ttb: 1455.1,
  unit: 1,
  provider: "frankfurter",
  observedAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000),
  collectedAt: new Date("2026-11-27T03:00:00Z"),
  batchId: `frankfurter-${i}`,
});

describe("sqlRatesRepository.insert", () => {
  test("one multi-row INSERT IGNORE per chunk, every value bound, inserted counts summed", async () => {
    const { db, execs } = recordingDb((params) => params.length / 9 - 1);
    const rows = Array.from({ length: INSERT_CHUNK_ROWS * 2 + 5 }, (_, i) => row(i));
    const { inserted } = await sqlRatesRepository(db).insert(rows);
    expect(execs.map((e) => e.params.length / 9)).toEqual([INSERT_CHUNK_ROWS, INSERT_CHUNK_ROWS, 5]);
    expect(inserted).toBe(INSERT_CHUNK_ROWS * 2 + 5 - 3);
    const first = execs[0];
    expect(first?.sql.startsWith("INSERT IGNORE INTO exchange_rates")).toBe(true);
    expect(first?.sql.match(/\?/g)?.length).toBe(first?.params.length);
    expect(first?.sql).not.toContain("1469");
  });

  test("rates are bound as exact 8-decimal strings and missing bank rates as NULL", async () => {
    const { db, execs } = recordingDb(() => 1);
    await sqlRatesRepository(db).insert([row(0)]);
    expect(execs[0]?.params).toEqual([
      "USD",
      "1469.85000000",
      null,
      "1455.10000000",
      1,
      "frankfurter",
      new Date(Date.UTC(2026, 0, 1)),
      new Date("2026-11-27T03:00:00Z"),
      "frankfurter-0",
    ]);
  });

  test("nothing to insert sends nothing", async () => {
    const { db, execs } = recordingDb(() => 0);
    expect(await sqlRatesRepository(db).insert([])).toEqual({ inserted: 0 });
    expect(execs).toEqual([]);
  });
});

describe("sqlRatesRepository.lastRates", () => {
  test("parses the DECIMAL strings the binding returns", async () => {
    const { db } = recordingDb(
      () => 0,
      [
        { currency: "USD", rate: "1469.85000000" },
        { currency: "JPY", rate: "9.27086591" },
      ],
    );
    expect(await sqlRatesRepository(db).lastRates()).toEqual(
      new Map([
        ["USD", 1469.85],
        ["JPY", 9.27086591],
      ]),
    );
  });

  test("an empty table (the binding's null) is an empty map", async () => {
    const { db } = recordingDb(() => 0, []);
    expect((await sqlRatesRepository(db).lastRates()).size).toBe(0);
  });
});

describe("sqlRatesRepository.batchRows", () => {
  test("reads a batch back as the rows that were stored (decimals as text, NULL as absent or empty)", async () => {
    const stored = [
      {
        currency: "JPY",
        rate: "9.27080000",
        tts: "",
        ttb: "9.10000000",
        unit: 100,
        provider: "exchangerate-api",
        observed_at: "2026-11-27 03:00:00.000",
        collected_at: "2026-11-27 03:01:00.123",
        batch_id: "exchangerate-api-1795748400000",
      },
      {
        currency: "USD",
        rate: "1469.85000000",
        unit: 1,
        provider: "exchangerate-api",
        observed_at: "2026-11-27 03:00:00.000",
        collected_at: "2026-11-27 03:01:00.123",
        batch_id: "exchangerate-api-1795748400000",
      },
      {
        currency: "XXX",
        rate: "1",
        unit: 1,
        provider: "exchangerate-api",
        observed_at: "2026-11-27 03:00:00.000",
        collected_at: "2026-11-27 03:01:00.123",
        batch_id: "exchangerate-api-1795748400000",
      },
    ];
    const { db } = recordingDb(() => 0, stored);
    const rows = await sqlRatesRepository(db).batchRows("exchangerate-api-1795748400000");
    expect(rows).toEqual([
      {
        code: "JPY",
        rate: 9.2708,
        tts: null,
        ttb: 9.1,
        unit: 100,
        provider: "exchangerate-api",
        observedAt: new Date("2026-11-27T03:00:00.000Z"),
        collectedAt: new Date("2026-11-27T03:01:00.123Z"),
        batchId: "exchangerate-api-1795748400000",
      },
      expect.objectContaining({ code: "USD", rate: 1469.85, tts: null, ttb: null, unit: 1 }),
    ]);
  });
});
