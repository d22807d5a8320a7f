import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runId } from "./support/environment.ts";
import type { Sidecar } from "./support/sidecar.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let sidecar: Sidecar;
const table = `infra_test_${runId}`;

/** One bindings.mysql call: `sql` with `?` placeholders, values in the JSON-encoded `params`. */
const invoke = (operation: "exec" | "query", sql: string, params: unknown[] = []) =>
  sidecar.fetch("/v1.0/bindings/trip-db", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operation, metadata: { sql, params: JSON.stringify(params) } }),
  });

beforeAll(async () => {
  stack = await startStack("mysql-binding", {
    only: ["trip-db"],
    members: [{ appId: "infra-mysql", slot: 2 }],
  });
  sidecar = stack.members[0]?.sidecar as Sidecar;
  const created = await invoke(
    "exec",
    `CREATE TABLE ${table} (
      id INT NOT NULL PRIMARY KEY, code CHAR(3) NOT NULL, rate DECIMAL(18,6) NOT NULL, tts DECIMAL(18,6) NULL,
      note VARCHAR(64) NULL, samples INT NULL, observed_at DATETIME(3) NOT NULL, seen_at DATETIME NULL)`,
  );
  expect(created.status).toBe(200);
});
afterAll(async () => {
  await invoke("exec", `DROP TABLE IF EXISTS ${table}`);
  await stack?.stop();
});

describe("bindings.mysql (trip-db) through the sidecar", () => {
  test("exec with bound parameters reports rows-affected in the response metadata headers", async () => {
    const inserted = await invoke(
      "exec",
      `INSERT INTO ${table} (id, code, rate, tts, note, samples, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)`,
      [1, "USD", "1392.400000", null, "x'); DROP TABLE x; --", 3, "2026-11-27 03:00:00.123"].concat([
        2,
        "JPY",
        9.1234565,
        9.2,
        null,
        null,
        "2026-11-27 03:00:00",
      ]),
    );
    expect(inserted.status).toBe(200);
    expect(inserted.headers.get("metadata.rows-affected")).toBe("2");
    expect(inserted.headers.get("metadata.operation")).toBe("exec");
    expect(await inserted.text()).toBe("");
  });

  test("query returns an array of row objects; DECIMAL comes back as a string, DATETIME as UTC ISO", async () => {
    const read = await invoke(
      "query",
      `SELECT id, code, rate, tts, note, samples, observed_at, seen_at FROM ${table} WHERE id = ?`,
      [1],
    );
    expect(read.status).toBe(200);
    const rows = (await read.json()) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 1, code: "USD", note: "x'); DROP TABLE x; --", samples: 3 });
    expect(rows[0]?.observed_at).toBe("2026-11-27T03:00:00.123Z");
    expect(rows[0]?.rate).toBe("1392.400000");
  });

  test("NULL columns", async () => {
    const read = await invoke(
      "query",
      `SELECT id, tts, note, samples, seen_at FROM ${table} WHERE id = ?`,
      [2],
    );
    const rows = (await read.json()) as Array<Record<string, unknown>>;
    expect(rows[0]).toEqual({ id: 2, tts: "9.200000" });
  });

  test("a query matching no rows answers the JSON literal null", async () => {
    const read = await invoke("query", `SELECT id FROM ${table} WHERE code = ?`, ["EUR"]);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe("null");
  });

  test("an SQL error is a 500 with ERR_INVOKE_OUTPUT_BINDING", async () => {
    const failed = await invoke("query", `SELECT nope FROM ${table}`);
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { errorCode: string }).errorCode).toBe("ERR_INVOKE_OUTPUT_BINDING");
  });
});
