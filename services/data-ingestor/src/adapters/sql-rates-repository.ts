import { decimal, isSupportedCurrency, type SqlDatabase, type SqlParam, utcDateTime } from "@trip/shared";
import { PROVIDER_NAMES, type ProviderName } from "../config.ts";
import type { RateRow } from "../domain/rates-publication.ts";
import type { RatesRepository } from "../use-cases/ports.ts";

/** Rows per multi-row INSERT: 10 bound params each, far below MariaDB's 65 535 placeholders per statement. */
export const INSERT_CHUNK_ROWS = 400;

const COLUMNS = "(currency, base, rate, tts, ttb, unit, provider, observed_at, collected_at, batch_id)";
const PLACEHOLDERS = "(?, 'KRW', ?, ?, ?, ?, ?, ?, ?, ?)";

/** DECIMAL(20,8) as an exact string, so the database never sees a binary float. */
const decimalParam = (n: number | null): string | null => (n === null ? null : n.toFixed(8));

const paramsOf = (row: RateRow): SqlParam[] => [
  row.code,
  decimalParam(row.rate),
  decimalParam(row.tts),
  decimalParam(row.ttb),
  row.unit,
  row.provider,
  row.observedAt,
  row.collectedAt,
  row.batchId,
];

// The newest observation per currency (loose index scan on (currency, observed_at)), then its rate —
// as text: a DECIMAL column comes through daprd 1.16's bindings.mysql as reused raw bytes (shared sql.ts).
const LAST_RATES_SQL = `SELECT r.currency AS currency, CAST(r.rate AS CHAR) AS rate
  FROM exchange_rates r
  JOIN (SELECT currency, MAX(observed_at) AS observed_at FROM exchange_rates GROUP BY currency) m
    ON m.currency = r.currency AND m.observed_at = r.observed_at`;

const BATCH_ROWS_SQL = `SELECT currency, CAST(rate AS CHAR) AS rate, CAST(tts AS CHAR) AS tts,
  CAST(ttb AS CHAR) AS ttb, unit, provider, observed_at, collected_at, batch_id
  FROM exchange_rates WHERE batch_id = ? ORDER BY currency`;

type StoredRow = Record<string, unknown>;

/** A stored row back as a RateRow; undefined for a row no run of ours could have written. */
const rateRowOf = (row: StoredRow): RateRow | undefined => {
  const code = String(row.currency);
  const rate = decimal(row.rate);
  const provider = String(row.provider) as ProviderName;
  if (!isSupportedCurrency(code) || rate === null || !PROVIDER_NAMES.includes(provider)) return undefined;
  return {
    code,
    rate,
    tts: decimal(row.tts ?? null),
    ttb: decimal(row.ttb ?? null),
    unit: Number(row.unit) === 100 ? 100 : 1,
    provider,
    observedAt: utcDateTime(row.observed_at),
    collectedAt: utcDateTime(row.collected_at),
    batchId: String(row.batch_id),
  };
};

/** `exchange_rates` through the `trip-db` binding: bound parameters only. */
export const sqlRatesRepository = (db: SqlDatabase): RatesRepository => ({
  async lastRates() {
    const rows = await db.query<{ currency: string; rate: unknown }>(LAST_RATES_SQL);
    const last = new Map<string, number>();
    for (const row of rows) {
      const rate = decimal(row.rate);
      if (rate !== null) last.set(row.currency, rate);
    }
    return last;
  },
  async batchRows(batchId) {
    const rows = await db.query<StoredRow>(BATCH_ROWS_SQL, [batchId]);
    return rows.flatMap((row) => rateRowOf(row) ?? []);
  },
  async insert(rows) {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
      const chunk = rows.slice(start, start + INSERT_CHUNK_ROWS);
      const sql = `INSERT IGNORE INTO exchange_rates ${COLUMNS} VALUES ${chunk.map(() => PLACEHOLDERS).join(", ")}`;
      const { rowsAffected } = await db.exec(sql, chunk.flatMap(paramsOf));
      inserted += rowsAffected;
    }
    return { inserted };
  },
});
