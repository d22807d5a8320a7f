import { kstDayRange, type SqlDatabase } from "@trip/shared";
import type { AnalysisStore } from "../use-cases/ports.ts";
import { requiredNumber, requiredString } from "./sql-values.ts";

const CHANGED_DAYS_SQL = `SELECT currency, DATE_FORMAT(observed_at + INTERVAL 9 HOUR, '%Y-%m-%d') AS kst_date
FROM exchange_rates WHERE id > ? AND id <= ?
GROUP BY currency, kst_date`;

// Idempotent: the same rows always produce the same aggregate, and a rerun overwrites it, so late rows
// correct their day. First/last sample as in rate-history-store.ts; avg rounded to the column's scale.
const AGGREGATE_SQL = `INSERT INTO daily_stats
  (currency, kst_date, open, high, low, close, avg, samples, first_at, last_at, updated_at)
SELECT currency, DATE(observed_at + INTERVAL 9 HOUR) AS kst_day,
  SUBSTRING_INDEX(GROUP_CONCAT(rate ORDER BY observed_at, id SEPARATOR ','), ',', 1),
  MAX(rate), MIN(rate),
  SUBSTRING_INDEX(GROUP_CONCAT(rate ORDER BY observed_at DESC, id DESC SEPARATOR ','), ',', 1),
  ROUND(AVG(rate), 8), COUNT(*), MIN(observed_at), MAX(observed_at), ?
FROM exchange_rates
WHERE currency = ? AND observed_at >= ? AND observed_at < ?
GROUP BY currency, kst_day
ON DUPLICATE KEY UPDATE open = VALUES(open), high = VALUES(high), low = VALUES(low), close = VALUES(close),
  avg = VALUES(avg), samples = VALUES(samples), first_at = VALUES(first_at), last_at = VALUES(last_at),
  updated_at = VALUES(updated_at)`;

export const sqlAnalysisStore = (db: SqlDatabase): AnalysisStore => ({
  async claimRun(key, trigger, startedAt) {
    const { rowsAffected } = await db.exec(
      "INSERT IGNORE INTO analysis_runs (run_key, trigger_kind, status, started_at) VALUES (?, ?, 'running', ?)",
      [key, trigger, startedAt],
    );
    return rowsAffected === 1;
  },
  async finishRun(key, o) {
    await db.exec(
      `UPDATE analysis_runs SET status = ?, finished_at = ?, from_id = ?, to_id = ?, days_updated = ?, error = ?
       WHERE run_key = ?`,
      [o.status, o.finishedAt, o.fromId, o.toId, o.daysUpdated, o.error?.slice(0, 1000) ?? null, key],
    );
  },
  async processedUpTo() {
    const rows = await db.query("SELECT MAX(to_id) AS up_to FROM analysis_runs WHERE status = 'succeeded'");
    return rows[0]?.up_to === undefined ? 0 : requiredNumber(rows[0], "up_to");
  },
  async latestRateId() {
    const rows = await db.query("SELECT MAX(id) AS latest FROM exchange_rates");
    return rows[0]?.latest === undefined ? 0 : requiredNumber(rows[0], "latest");
  },
  async changedDays(afterId, upToId) {
    const rows = await db.query(CHANGED_DAYS_SQL, [afterId, upToId]);
    return rows.map((row) => ({
      currency: requiredString(row, "currency"),
      kstDate: requiredString(row, "kst_date"),
    }));
  },
  async aggregateDays(currency, range, now) {
    const from = kstDayRange(range.first).start;
    const to = kstDayRange(range.last).end;
    const { rowsAffected } = await db.exec(AGGREGATE_SQL, [now, currency, from, to]);
    return rowsAffected;
  },
});
