import { describe, expect, test } from "bun:test";
import type { SqlDatabase, SqlParam } from "../dapr/sql.ts";
import { createLogger } from "../logger.ts";
import { applyMigrations } from "./apply-migrations.ts";
import { MIGRATIONS } from "./migrations.ts";

const fakeDb = (alreadyApplied: number[]) => {
  const executed: { sql: string; params: readonly SqlParam[] }[] = [];
  const db: SqlDatabase = {
    query: async <T>() => alreadyApplied.map((version) => ({ version: String(version) })) as T[],
    exec: async (sql, params = []) => {
      executed.push({ sql, params });
      return { rowsAffected: 1 };
    },
  };
  return { db, executed };
};
const log = createLogger({ service: "test", sink: () => {} });

describe("applyMigrations", () => {
  test("a fresh database gets every migration, recorded in the ledger with bound parameters", async () => {
    const { db, executed } = fakeDb([]);
    const applied = await applyMigrations(db, log, new Date("2026-11-27T00:00:00Z"));
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    const ledger = executed.filter((e) => e.sql.startsWith("INSERT IGNORE INTO schema_migrations"));
    expect(ledger.map((e) => e.params[0])).toEqual(MIGRATIONS.map((m) => m.version));
  });
  test("applied versions (returned as strings by the binding) are not applied again", async () => {
    const { db, executed } = fakeDb(MIGRATIONS.map((m) => m.version));
    expect(await applyMigrations(db, log, new Date())).toEqual([]);
    expect(executed).toHaveLength(1); // only the ledger's CREATE TABLE IF NOT EXISTS
  });
  test("every statement is idempotent", () => {
    for (const m of MIGRATIONS) for (const s of m.statements) expect(s).toMatch(/IF NOT EXISTS/);
  });
});
