import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runId } from "./support/environment.ts";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let sidecar: Sidecar;
const table = `infra_test_${runId}`;
type Row = Record<string, unknown>;

/** One bindings.mysql call: `sql` with `?` placeholders, values in the JSON-encoded `params`. */
const invoke = (operation: "exec" | "query", sql: string, params: unknown[] = []) =>
  sidecar.fetch("/v1.0/bindings/trip-db", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operation, metadata: { sql, params: JSON.stringify(params) } }),
  });
const rowsOf = async (sql: string, params: unknown[] = []) =>
  (await (await invoke("query", sql, params)).json()) as Row[];

beforeAll(async () => {
  stack = await startStack("mysql-binding", { only: ["trip-db"], members: [{ appId: "infra-mysql" }] });
  sidecar = stack.members[0]?.sidecar as Sidecar;
  const created = await invoke(
    "exec",
    `CREATE TABLE ${table} (id INT NOT NULL PRIMARY KEY, code CHAR(3) NOT NULL, rate DECIMAL(18,6) NOT NULL,
      tts DECIMAL(18,6) NULL, note VARCHAR(64) NULL, samples INT NULL, observed_at DATETIME(3) NOT NULL,
      seen_at DATETIME NULL)`,
  );
  expect(created.status).toBe(200);
  const inserted = await invoke(
    "exec",
    `INSERT INTO ${table} (id, code, rate, tts, note, samples, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)`,
    [
      ...[1, "USD", "1392.4", "1400.1", "x'); DROP TABLE x; --", 3, "2026-11-27 03:00:00.123"],
      ...[2, "JPY", 9.12, null, null, null, "2026-11-27 03:00:00"],
    ],
  );
  expect(inserted.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await invoke("exec", `DROP TABLE IF EXISTS ${table}`);
  await stack?.stop();
});

describe("bindings.mysql (trip-db) through the sidecar", () => {
  test("exec answers an empty body; rows-affected and the operation come as metadata.* headers", async () => {
    const updated = await invoke("exec", `UPDATE ${table} SET samples = ? WHERE id IN (?, ?)`, [5, 1, 99]);
    expect(updated.status).toBe(200);
    expect(updated.headers.get("metadata.rows-affected")).toBe("1");
    expect(updated.headers.get("metadata.operation")).toBe("exec");
    expect(await updated.text()).toBe("");
  });

  test("query returns row objects; bound parameters are data, never SQL", async () => {
    const rows = await rowsOf(`SELECT id, code, note, samples FROM ${table} WHERE code = ?`, ["USD"]);
    expect(rows).toEqual([{ id: 1, code: "USD", note: "x'); DROP TABLE x; --", samples: 5 }]);
  });

  test("DATETIME comes back as an ISO-8601 UTC string", async () => {
    const [row] = await rowsOf(`SELECT observed_at FROM ${table} WHERE id = ?`, [1]);
    expect(row?.observed_at).toBe("2026-11-27T03:00:00.123Z");
  });

  test("a DECIMAL column comes back base64-encoded; CAST(... AS CHAR) gives the decimal string", async () => {
    const [row] = await rowsOf(
      `SELECT rate, CAST(rate AS CHAR) AS rate_text FROM ${table} WHERE id = ?`,
      [1],
    );
    expect(row?.rate).toBe(Buffer.from("1392.400000").toString("base64"));
    expect(row?.rate_text).toBe("1392.400000");
  });

  test("NULL: numbers and dates are left out of the row, strings read as '', DECIMAL as null", async () => {
    const [row] = await rowsOf(`SELECT id, tts, note, samples, seen_at FROM ${table} WHERE id = ?`, [2]);
    expect(row).toEqual({ id: 2, tts: null, note: "" });
    const [cast] = await rowsOf(`SELECT CAST(tts AS CHAR) AS tts_text FROM ${table} WHERE id = ?`, [2]);
    expect(cast).toEqual({ tts_text: "" });
  });

  test("JSON_OBJECT(...) keeps types: DECIMAL as a JSON number, NULL as null", async () => {
    const rows = await rowsOf(
      `SELECT JSON_OBJECT('id', id, 'rate', rate, 'tts', tts, 'note', note, 'seen_at', seen_at) AS row_json
       FROM ${table} ORDER BY id`,
    );
    expect(rows.map((row) => JSON.parse(String(row.row_json)))).toEqual([
      { id: 1, rate: 1392.4, tts: 1400.1, note: "x'); DROP TABLE x; --", seen_at: null },
      { id: 2, rate: 9.12, tts: null, note: null, seen_at: null },
    ]);
  });

  test("a query matching no rows answers the JSON literal null", async () => {
    const response = await invoke("query", `SELECT id FROM ${table} WHERE code = ?`, ["EUR"]);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("null");
  });

  test("an SQL error is a 500 ERR_INVOKE_OUTPUT_BINDING whose message carries the MySQL error", async () => {
    const failed = await invoke(
      "exec",
      `INSERT INTO ${table} (id, code, rate, observed_at) VALUES (?, ?, ?, ?)`,
      [1, "USD", 1, "2026-11-27 00:00:00"],
    );
    expect(failed.status).toBe(500);
    const body = (await failed.json()) as { errorCode: string; message: string };
    expect(body.errorCode).toBe("ERR_INVOKE_OUTPUT_BINDING");
    expect(body.message).toContain("Error 1062");
  });
});
