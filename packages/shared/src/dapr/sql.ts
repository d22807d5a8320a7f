import type { OutputBinding } from "./bindings.ts";

export type SqlParam = string | number | boolean | null | Date;

/** The narrow port services use for MariaDB: bound parameters only, never string-built SQL. */
export interface SqlDatabase {
  /** Rows as objects keyed by column name; zero rows is `[]` (the binding itself answers `null`). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  exec(sql: string, params?: readonly SqlParam[]): Promise<{ rowsAffected: number }>;
}

/** MariaDB DATETIME(3) literal in UTC: `2026-11-27 03:00:00.000`. */
export const toSqlDateTime = (d: Date): string => d.toISOString().replace("T", " ").replace("Z", "");

const encodeParams = (params: readonly SqlParam[]): string =>
  JSON.stringify(params.map((p) => (p instanceof Date ? toSqlDateTime(p) : p)));

/**
 * SQL over Dapr's `bindings.mysql`: `query` and `exec` with `?` placeholders and the binding's `params`.
 * @example const db = sqlDatabase(outputBinding(transport, "trip-db")); await db.query("SELECT 1 AS one");
 */
export const sqlDatabase = (binding: OutputBinding): SqlDatabase => ({
  async query<T>(sql: string, params: readonly SqlParam[] = []) {
    const { body } = await binding.invoke("query", undefined, { sql, params: encodeParams(params) });
    const rows = body === "" ? null : (JSON.parse(body) as T[] | null);
    return rows ?? [];
  },
  async exec(sql: string, params: readonly SqlParam[] = []) {
    const { metadata } = await binding.invoke("exec", undefined, { sql, params: encodeParams(params) });
    const affected = Number(metadata["rows-affected"] ?? "0");
    return { rowsAffected: Number.isFinite(affected) ? affected : 0 };
  },
});

/**
 * DECIMAL columns must be selected as text: `CAST(rate AS CHAR) AS rate`. daprd 1.16's bindings.mysql
 * (go-sql-driver 1.7) scans a NOT NULL DECIMAL into a raw byte buffer that the driver reuses from row to
 * row, and sends it base64-encoded — in multi-row results many values are silently wrong. A cast column
 * arrives as a plain string; this parses it deliberately and refuses anything else (a base64 value
 * throws instead of becoming a wrong number). `null`, a missing column and `""` (how the binding renders
 * a NULL cast to text) are `null`.
 * @example decimal("1392.4500") // 1392.45
 */
export const decimal = (value: unknown): number | null => {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`not a decimal: ${value}`);
    return value;
  }
  const text = String(value).trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new TypeError(`not a decimal: ${text}`);
  return Number(text);
};

/** A DATETIME column (UTC, `YYYY-MM-DD HH:MM:SS[.fff]` or RFC 3339) as a Date. */
export const utcDateTime = (value: unknown): Date => {
  const text = String(value);
  const iso = /[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a datetime: ${text}`);
  return d;
};
