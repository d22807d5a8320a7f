import type { SqlDatabase } from "@trip/shared";
import type { Bar } from "../domain/bars.ts";
import type { RateHistoryStore } from "../use-cases/ports.ts";
import { requiredNumber, requiredString } from "./sql-values.ts";

// bindings.mysql (go-sql-driver 1.7.1 in daprd 1.16.5) hands DECIMAL and long-text columns over as raw
// bytes: base64 in the JSON, and with a buffer reused across rows, i.e. corrupted values. Every numeric
// column is therefore cast to a short VARCHAR, which the binding copies as a string per row.
const text = (expr: string) => `CAST(${expr} AS CHAR(40))`;

// First and last sample of a group without a second pass: the group's rates concatenated in time order
// (ties broken by id), cut at the first separator. A day holds at most ~720 samples (~12 KB), far below
// group_concat_max_len (1 MB). The covering index (currency, observed_at, rate) + the primary key serves it.
const OHLC_COLUMNS = `
  ${text("SUBSTRING_INDEX(GROUP_CONCAT(rate ORDER BY observed_at, id SEPARATOR ','), ',', 1)")} AS open,
  ${text("MAX(rate)")} AS high,
  ${text("MIN(rate)")} AS low,
  ${text("SUBSTRING_INDEX(GROUP_CONCAT(rate ORDER BY observed_at DESC, id DESC SEPARATOR ','), ',', 1)")} AS close,
  ${text("AVG(rate)")} AS avg,
  COUNT(*) AS samples`;

// Whole seconds since the epoch of a UTC DATETIME, independent of the session time zone.
const INTRADAY_SQL = `SELECT TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', observed_at) DIV ? AS bucket,${OHLC_COLUMNS}
FROM exchange_rates
WHERE currency = ? AND observed_at >= ? AND observed_at < ?
GROUP BY bucket ORDER BY bucket`;

// KST is UTC+9 all year (no daylight saving), so a KST day is the UTC instant shifted by 9 hours.
const RAW_DAILY_SQL = `SELECT DATE_FORMAT(observed_at + INTERVAL 9 HOUR, '%Y-%m-%d') AS bucket,${OHLC_COLUMNS}
FROM exchange_rates
WHERE currency = ? AND observed_at >= ? AND observed_at < ?
GROUP BY bucket ORDER BY bucket`;

const DAILY_STATS_SQL = `SELECT DATE_FORMAT(kst_date, '%Y-%m-%d') AS bucket, ${text("open")} AS open,
  ${text("high")} AS high, ${text("low")} AS low, ${text("close")} AS close, ${text("avg")} AS avg, samples
FROM daily_stats
WHERE currency = ? AND kst_date >= ? AND kst_date <= ?
ORDER BY kst_date`;

const toBar = (row: Record<string, unknown>, key: string): Bar => ({
  key,
  open: requiredNumber(row, "open"),
  high: requiredNumber(row, "high"),
  low: requiredNumber(row, "low"),
  close: requiredNumber(row, "close"),
  average: requiredNumber(row, "avg"),
  samples: requiredNumber(row, "samples"),
});

export const sqlRateHistoryStore = (db: SqlDatabase): RateHistoryStore => ({
  async intradayBars(currency, bucketSeconds, from, to) {
    const rows = await db.query(INTRADAY_SQL, [bucketSeconds, currency, from, to]);
    return rows.map((row) =>
      toBar(row, new Date(requiredNumber(row, "bucket") * bucketSeconds * 1000).toISOString()),
    );
  },
  async rawDailyBars(currency, from, to) {
    const rows = await db.query(RAW_DAILY_SQL, [currency, from, to]);
    return rows.map((row) => toBar(row, requiredString(row, "bucket")));
  },
  async dailyStatsBars(currency, firstDate, lastDate) {
    const rows = await db.query(DAILY_STATS_SQL, [currency, firstDate, lastDate]);
    return rows.map((row) => toBar(row, requiredString(row, "bucket")));
  },
});
