import { describe, expect, test } from "bun:test";
import type { OutputBinding } from "./bindings.ts";
import { decimal, sqlDatabase, toSqlDateTime, utcDateTime } from "./sql.ts";

const recordingBinding = (answer: { body: string; metadata?: Record<string, string> }) => {
  const calls: { operation: string; metadata: Record<string, string> | undefined }[] = [];
  const binding: OutputBinding = {
    name: "trip-db",
    invoke: async (operation, _data, metadata) => {
      calls.push({ operation, metadata });
      return { body: answer.body, metadata: answer.metadata ?? {} };
    },
  };
  return { binding, calls };
};

describe("sqlDatabase over bindings.mysql", () => {
  test("sends the SQL and the bound parameters as the binding's params metadata", async () => {
    const { binding, calls } = recordingBinding({ body: '[{"rate":"1392.4500"}]' });
    const rows = await sqlDatabase(binding).query(
      "SELECT rate FROM exchange_rates WHERE currency = ? AND observed_at > ?",
      ["USD", new Date("2026-11-27T03:00:00Z")],
    );
    expect(rows).toEqual([{ rate: "1392.4500" }]);
    expect(calls[0]?.operation).toBe("query");
    expect(JSON.parse(calls[0]?.metadata?.params ?? "")).toEqual(["USD", "2026-11-27 03:00:00.000"]);
  });
  test("zero rows (the binding answers null) is an empty array", async () => {
    const { binding } = recordingBinding({ body: "null" });
    expect(await sqlDatabase(binding).query("SELECT 1 WHERE 1 = 0")).toEqual([]);
  });
  test("exec reports rows affected from the response metadata", async () => {
    const { binding } = recordingBinding({ body: "", metadata: { "rows-affected": "3" } });
    expect(await sqlDatabase(binding).exec("DELETE FROM t WHERE id > ?", [1])).toEqual({ rowsAffected: 3 });
  });
});

describe("column parsing", () => {
  test("DECIMAL strings parse exactly; null stays null; garbage throws", () => {
    expect(decimal("1392.4500")).toBe(1392.45);
    expect(decimal(null)).toBeNull();
    expect(() => decimal("abc")).toThrow(TypeError);
  });
  test("a raw-byte DECIMAL (base64 from daprd 1.16) is refused, never decoded into a maybe-wrong number", () => {
    expect(() => decimal("MTM5Mi40NTAw")).toThrow(TypeError);
    expect(decimal("1234")).toBe(1234);
    expect(decimal("-0.5")).toBe(-0.5);
  });
  test("a NULL cast to text (the binding sends an empty string) is null, not 0", () => {
    expect(decimal("")).toBeNull();
    expect(decimal(undefined)).toBeNull();
  });
  test("DATETIME round-trips as UTC", () => {
    const at = new Date("2026-11-27T14:59:59.999Z");
    expect(utcDateTime(toSqlDateTime(at)).toISOString()).toBe(at.toISOString());
    expect(utcDateTime("2026-11-27T14:59:59Z").toISOString()).toBe("2026-11-27T14:59:59.000Z");
  });
});
