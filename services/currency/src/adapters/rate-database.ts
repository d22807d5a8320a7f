import { decimal, FOREIGN_CURRENCY_CODES, type SqlDatabase, utcDateTime } from "@trip/shared";
import type { RateQuote } from "../domain/rate-quote.ts";
import type { RateDatabase } from "../use-cases/ports.ts";

// MAX(observed_at) per currency is a loose index scan on ix_rates_currency_time (currency, observed_at,
// rate); the join reads one row per currency (more only when two providers observed the same instant).
// Every row of exchange_rates is KRW-based (base defaults to 'KRW' and the ingestor stores KRW per unit).
// DECIMALs are cast to CHAR: the bindings.mysql of daprd 1.16.5 hands raw DECIMAL bytes to its JSON
// encoder, which sends them base64-encoded; as CHAR they arrive as the decimal string itself.
const LATEST_SQL = `SELECT r.currency, CAST(r.rate AS CHAR) AS rate, CAST(r.tts AS CHAR) AS tts,
  CAST(r.ttb AS CHAR) AS ttb, r.unit, r.provider, r.observed_at, r.collected_at, r.batch_id
FROM exchange_rates r
JOIN (SELECT currency, MAX(observed_at) AS observed_at FROM exchange_rates GROUP BY currency) latest
  ON latest.currency = r.currency AND latest.observed_at = r.observed_at`;

const LAST_BEFORE_SQL = `SELECT CAST(rate AS CHAR) AS rate FROM exchange_rates
WHERE currency = ? AND observed_at < ? ORDER BY observed_at DESC LIMIT 1`;

interface RateRow {
  currency: string;
  rate: string;
  tts?: string | null;
  ttb?: string | null;
  unit?: number | string | null;
  provider: string;
  observed_at: string;
  collected_at: string;
  batch_id: string;
}

const supported = new Set<string>(FOREIGN_CURRENCY_CODES);

// A NULL cast to CHAR reaches us as "" (the binding turns a NULL string into an empty one), and a
// spread is only meaningful when positive: anything else is "the provider gave none".
const optionalSpread = (value: string | null | undefined): number | null => {
  if (value === undefined || value === null || value.trim() === "") return null;
  const parsed = decimal(value);
  return parsed !== null && parsed > 0 ? parsed : null;
};

/** A row as a quote: DECIMAL strings parsed deliberately, DATETIME(3) read as UTC. */
export const quoteFromRow = (row: RateRow): RateQuote => ({
  code: row.currency,
  krwPerUnit: decimal(row.rate) as number,
  tts: optionalSpread(row.tts),
  ttb: optionalSpread(row.ttb),
  unit: Number(row.unit ?? 1),
  provider: row.provider,
  observedAt: utcDateTime(row.observed_at),
  collectedAt: utcDateTime(row.collected_at),
  batchId: row.batch_id,
  origin: "database",
});

/**
 * @example const db = rateDatabase(sidecar.sql("trip-db")); const quotes = await db.latestQuotes();
 */
export const rateDatabase = (sql: SqlDatabase): RateDatabase => ({
  async latestQuotes() {
    const rows = await sql.query<RateRow>(LATEST_SQL);
    return rows
      .filter((row) => supported.has(row.currency))
      .map(quoteFromRow)
      .filter((quote) => quote.krwPerUnit > 0);
  },
  async lastRateBefore(code, before) {
    const rows = await sql.query<{ rate: string }>(LAST_BEFORE_SQL, [code, before]);
    const row = rows[0];
    return row === undefined ? null : decimal(row.rate);
  },
});
