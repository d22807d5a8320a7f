import { decimal, type KstDate, kstDayRange, type SqlDatabase, type SqlParam } from "@trip/shared";
import { type ImportedDay, type ImportedRate, LEGACY_PROVIDER } from "../domain/plan-import.ts";

/** What the import reads from and writes to database `trip` (or a test schema) through the binding. */
export interface TargetStore {
  /** Our own latest rate per currency (KRW per 1 unit), the anchor of the unit check. */
  storedRates(): Promise<Map<string, number>>;
  /** observed_at (epoch ms) of the legacy rows of a currency already stored in `[from, to]`. */
  importedInstants(code: string, from: Date, to: Date): Promise<Set<number>>;
  /** One statement: all rows or none. A row already present (same currency, provider, time) is left. */
  insertRates(rows: readonly ImportedRate[]): Promise<number>;
  /** KST days of a currency that already have a daily_stats row in `[first, last]`. */
  aggregatedDays(code: string, first: KstDate, last: KstDate): Promise<Set<KstDate>>;
  /** One statement: all rows or none. A day that already has a row is left as it is. */
  insertDays(rows: readonly ImportedDay[], now: Date): Promise<number>;
}

const fixed = (n: number | null): string | null => (n === null ? null : n.toFixed(8));

// Our own rates only: the legacy rows must not anchor themselves.
const STORED_RATES_SQL = `SELECT r.currency AS currency, CAST(r.rate AS CHAR) AS rate
  FROM exchange_rates r
  JOIN (SELECT currency, MAX(observed_at) AS observed_at FROM exchange_rates WHERE provider <> ?
        GROUP BY currency) m
    ON m.currency = r.currency AND m.observed_at = r.observed_at
  WHERE r.provider <> ?`;

// ON DUPLICATE KEY (not INSERT IGNORE, which would also turn a data error into a warning and write
// a clamped value): only the unique key is tolerated; any other error fails the whole statement.
const RATE_ROW = "(?, 'KRW', ?, ?, ?, ?, ?, ?, ?, ?)";
const insertRatesSql = (n: number) =>
  `INSERT INTO exchange_rates (currency, base, rate, tts, ttb, unit, provider, observed_at, collected_at, batch_id)
   VALUES ${Array.from({ length: n }, () => RATE_ROW).join(", ")}
   ON DUPLICATE KEY UPDATE id = id`;

const DAY_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const insertDaysSql = (n: number) =>
  `INSERT INTO daily_stats (currency, kst_date, open, high, low, close, avg, samples, first_at, last_at, updated_at)
   VALUES ${Array.from({ length: n }, () => DAY_ROW).join(", ")}
   ON DUPLICATE KEY UPDATE currency = currency`;

export const sqlTargetStore = (db: SqlDatabase): TargetStore => ({
  async storedRates() {
    const rows = await db.query<{ currency: string; rate: unknown }>(STORED_RATES_SQL, [
      LEGACY_PROVIDER,
      LEGACY_PROVIDER,
    ]);
    const rates = new Map<string, number>();
    for (const row of rows) {
      const rate = decimal(row.rate);
      if (rate !== null && rate > 0) rates.set(row.currency, rate);
    }
    return rates;
  },
  async importedInstants(code, from, to) {
    const rows = await db.query<{ observed_at: string }>(
      `SELECT observed_at FROM exchange_rates
       WHERE currency = ? AND provider = ? AND observed_at >= ? AND observed_at <= ?`,
      [code, LEGACY_PROVIDER, from, to],
    );
    return new Set(rows.map((row) => new Date(row.observed_at).getTime()));
  },
  async insertRates(rows) {
    if (rows.length === 0) return 0;
    const params = rows.flatMap((r): SqlParam[] => [
      r.code,
      fixed(r.rate),
      fixed(r.tts),
      fixed(r.ttb),
      r.unit,
      LEGACY_PROVIDER,
      r.observedAt,
      r.collectedAt,
      r.batchId,
    ]);
    return (await db.exec(insertRatesSql(rows.length), params)).rowsAffected;
  },
  async aggregatedDays(code, first, last) {
    const rows = await db.query<{ day: string }>(
      "SELECT DATE_FORMAT(kst_date, '%Y-%m-%d') AS day FROM daily_stats WHERE currency = ? AND kst_date >= ? AND kst_date <= ?",
      [code, first, last],
    );
    return new Set(rows.map((row) => row.day));
  },
  async insertDays(rows, now) {
    if (rows.length === 0) return 0;
    // The old daily row has no sample times: first_at/last_at are the bounds of its KST day.
    const params = rows.flatMap((d): SqlParam[] => {
      const { start, end } = kstDayRange(d.date);
      return [
        d.code,
        d.date,
        fixed(d.open),
        fixed(d.high),
        fixed(d.low),
        fixed(d.close),
        fixed(d.avg),
        d.samples,
        start,
        new Date(end.getTime() - 1),
        now,
      ];
    });
    return (await db.exec(insertDaysSql(rows.length), params)).rowsAffected;
  },
});
