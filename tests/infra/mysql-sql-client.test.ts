/**
 * The shared package's SQL client (sqlDatabase over the trip-db bindings.mysql component) against a real
 * daprd and MariaDB: what services see after the client has parsed the binding's answers.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  createSidecar,
  DaprError,
  decimal,
  type Sidecar as SharedSidecar,
  type SqlDatabase,
  utcDateTime,
} from "@trip/shared";
import { localSecrets, runId } from "./support/environment.ts";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let client: SharedSidecar;
let db: SqlDatabase;
const table = `infra_sql_client_${runId}`;
const observedAt = new Date("2026-11-27T14:59:59.123Z");

beforeAll(async () => {
  stack = await startStack("mysql-sql-client", {
    only: ["trip-db"],
    members: [{ appId: "infra-sql-client" }],
  });
  const sidecar = stack.members[0]?.sidecar as Sidecar;
  client = createSidecar({ baseUrl: sidecar.url, apiToken: localSecrets()["dapr-api-token"] });
  db = client.sql("trip-db");
  await db.exec(
    `CREATE TABLE ${table} (id INT NOT NULL PRIMARY KEY, code CHAR(3) NOT NULL, rate DECIMAL(18,6) NOT NULL,
      tts DECIMAL(18,6) NULL, note VARCHAR(64) NULL, samples INT NULL, observed_at DATETIME(3) NOT NULL)`,
  );
  const inserted = await db.exec(
    `INSERT INTO ${table} (id, code, rate, tts, note, samples, observed_at) VALUES
      (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)`,
    [
      ...[1, "USD", "1392.45", "1400.1", "x'); DROP TABLE x; --", 3, observedAt],
      ...[2, "JPY", 9.123456, null, null, null, observedAt],
      ...[3, "VND", "0.000001", "0.05", "tiny", 0, observedAt],
      ...[4, "IDR", "987654321.123456", "-12.5", null, 7, observedAt],
    ],
  );
  expect(inserted.rowsAffected).toBe(4);
}, 60_000);
afterAll(async () => {
  await db?.exec(`DROP TABLE IF EXISTS ${table}`);
  await stack?.stop();
});

describe("sqlDatabase (shared client) over bindings.mysql", () => {
  test("DECIMAL columns selected as text parse exactly, row after row", async () => {
    const rows = await db.query<{ id: number; rate: unknown; tts: unknown }>(
      `SELECT id, CAST(rate AS CHAR) AS rate, CAST(tts AS CHAR) AS tts FROM ${table} ORDER BY id`,
    );
    expect(rows.map((row) => [row.id, decimal(row.rate), decimal(row.tts)])).toEqual([
      [1, 1392.45, 1400.1],
      [2, 9.123456, null],
      [3, 0.000001, 0.05],
      [4, 987654321.123456, -12.5],
    ]);
  });

  test("a DECIMAL selected without the cast is refused, never turned into a wrong number", async () => {
    const [row] = await db.query(`SELECT rate FROM ${table} WHERE id = ?`, [1]);
    expect(() => decimal(row?.rate)).toThrow(TypeError);
  });

  test("bound parameters filter as data; NULL columns come back as null, absent or empty", async () => {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT id, note, samples, CAST(tts AS CHAR) AS tts FROM ${table} WHERE note IS NULL OR note = ? ORDER BY id`,
      ["x'); DROP TABLE x; --"],
    );
    expect(rows.map((row) => row.id)).toEqual([1, 2, 4]);
    const [withNote, allNull, noNote] = rows;
    expect([withNote?.note, withNote?.samples, decimal(withNote?.tts)]).toEqual([
      "x'); DROP TABLE x; --",
      3,
      1400.1,
    ]);
    // The binding leaves a NULL INT out of the row and renders NULL text as "": decimal() reads both as null.
    expect(allNull).toEqual({ id: 2, note: "", tts: "" });
    expect([decimal(allNull?.tts), decimal(allNull?.samples)]).toEqual([null, null]);
    expect([noNote?.note, noNote?.samples, decimal(noNote?.tts)]).toEqual(["", 7, -12.5]);
  });

  test("a bound Date is stored as UTC and reads back as the same instant", async () => {
    const [row] = await db.query(`SELECT observed_at FROM ${table} WHERE observed_at = ? AND id = ?`, [
      observedAt,
      3,
    ]);
    expect(utcDateTime(row?.observed_at).toISOString()).toBe(observedAt.toISOString());
  });

  test("zero rows: the binding answers null and the client gives []", async () => {
    const sql = `SELECT id FROM ${table} WHERE code = ?`;
    const raw = await client.binding("trip-db").invoke("query", undefined, { sql, params: '["EUR"]' });
    expect(raw.body).toBe("null");
    expect(await db.query(sql, ["EUR"])).toEqual([]);
  });

  test("exec reports rows affected; an SQL error throws a DaprError", async () => {
    expect(await db.exec(`UPDATE ${table} SET samples = ? WHERE id IN (?, ?)`, [5, 3, 99])).toEqual({
      rowsAffected: 1,
    });
    expect(await db.exec(`DELETE FROM ${table} WHERE code = ?`, ["EUR"])).toEqual({ rowsAffected: 0 });
    const err = await db
      .exec(`INSERT INTO ${table} (id, code, rate, observed_at) VALUES (?, ?, ?, ?)`, [
        1,
        "USD",
        1,
        observedAt,
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DaprError);
    expect((err as DaprError).message).toContain("Error 1062");
  });
});
