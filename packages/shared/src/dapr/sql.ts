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

const DECIMAL_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * The text of a DECIMAL column. daprd 1.16's bindings.mysql hands DECIMAL (and SUM) values over as raw
 * bytes, which arrive JSON-encoded as base64 (`"MTM5Mi40NQ=="` for `1392.45`). Plain decimal text is
 * never valid base64 of a number (base64 of a digit or `-` starts with L, M, N or O), so both are accepted.
 */
const decimalText = (text: string): string => {
  if (DECIMAL_TEXT.test(text) || !/^([A-Za-z0-9+/]{4})*[A-Za-z0-9+/]{2,4}={0,2}$/.test(text)) return text;
  const decoded = atob(text.padEnd(Math.ceil(text.length / 4) * 4, "="));
  return DECIMAL_TEXT.test(decoded) ? decoded : text;
};

/**
 * DECIMAL columns arrive as strings (plain or base64, see above); this parses one deliberately.
 * `null` stays `null`.
 * @example decimal("1392.4500") // 1392.45; decimal("MTM5Mi40NQ==") // 1392.45
 */
export const decimal = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const n = typeof value === "number" ? value : Number(decimalText(String(value)));
  if (!Number.isFinite(n)) throw new TypeError(`not a decimal: ${String(value)}`);
  return n;
};

/** A DATETIME column (UTC, `YYYY-MM-DD HH:MM:SS[.fff]` or RFC 3339) as a Date. */
export const utcDateTime = (value: unknown): Date => {
  const text = String(value);
  const iso = /[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a datetime: ${text}`);
  return d;
};
