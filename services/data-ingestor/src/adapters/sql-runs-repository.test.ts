import { describe, expect, test } from "bun:test";
import type { SqlDatabase, SqlParam } from "@trip/shared";
import { newRun } from "../domain/ingest-run.ts";
import { sqlRunsRepository } from "./sql-runs-repository.ts";

const run = newRun({
  runId: "run-1",
  tickKey: "cron-ingest:2026-11-27T12:44:00.000Z",
  trigger: "cron",
  provider: "exchangerate-api",
  startedAt: new Date("2026-11-27T12:44:37.120Z"),
});

const dbAnswering = (rowsAffected: number, rows: unknown[] = []) => {
  const calls: { sql: string; params: readonly SqlParam[] }[] = [];
  const db: SqlDatabase = {
    query: async <T>(sql: string, params: readonly SqlParam[] = []) => {
      calls.push({ sql, params });
      return rows as T[];
    },
    exec: async (sql, params = []) => {
      calls.push({ sql, params });
      return { rowsAffected };
    },
  };
  return { db, calls };
};

describe("sqlRunsRepository", () => {
  test("claim wins the tick when the INSERT IGNORE added the row", async () => {
    const { db, calls } = dbAnswering(1);
    expect(await sqlRunsRepository(db).claim(run)).toBe(true);
    expect(calls[0]?.sql).toContain("INSERT IGNORE INTO ingest_runs");
    expect(calls[0]?.params).toEqual([
      run.runId,
      run.tickKey,
      "cron",
      "exchangerate-api",
      "running",
      run.startedAt,
    ]);
  });

  test("claim loses the tick when another replica's row holds the key", async () => {
    expect(await sqlRunsRepository(dbAnswering(0).db).claim(run)).toBe(false);
  });

  test('a stored row reads back parsed; the binding\'s NULL shapes ("" and absent) become null', async () => {
    const stored = {
      run_id: "run-1",
      tick_key: "",
      trigger_kind: "manual",
      provider: "eximbank",
      status: "succeeded",
      started_at: "2026-11-27T12:44:37.12Z",
      finished_at: "2026-11-27 12:44:38.500",
      fetched: 23,
      inserted: "17",
      skipped: 0,
      rejected: 1,
      observed_at: "2026-11-27T02:00:00Z",
      batch_id: "eximbank-1795744800000",
      published: 1,
      error: "",
    };
    const latest = await sqlRunsRepository(dbAnswering(0, [stored]).db).latest();
    expect(latest).toMatchObject({
      runId: "run-1",
      tickKey: null,
      trigger: "manual",
      provider: "eximbank",
      status: "succeeded",
      inserted: 17,
      published: true,
      error: null,
      note: null,
    });
    expect(latest?.finishedAt?.toISOString()).toBe("2026-11-27T12:44:38.500Z");
  });

  test("totals parse the SUM strings MariaDB returns", async () => {
    const totals = await sqlRunsRepository(
      dbAnswering(0, [
        {
          runs: 5,
          succeeded: "2",
          partial: "0",
          unchanged: "2",
          failed: "1",
          skipped: "0",
          rows_inserted: "58",
        },
      ]).db,
    ).totals();
    expect(totals).toMatchObject({ runs: 5, rowsInserted: 58, rowsSkipped: 0 });
    expect(totals.byStatus.failed).toBe(1);
  });

  test("a long error is clipped to the column's size", async () => {
    const { db, calls } = dbAnswering(1);
    await sqlRunsRepository(db).finish({ ...run, status: "failed", error: "x".repeat(5000) });
    expect(String(calls[0]?.params[9]).length).toBe(1024);
  });
});
