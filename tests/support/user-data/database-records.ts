/**
 * MariaDB's user data (database `trip`), read with the mariadb client (test tooling, never service code):
 * - `exchange_rates` of the given currencies observed before the cutoff, one record per currency, KST day
 *   and provider (row count and a digest of every row's instant, base, rate, tts, ttb, unit);
 * - `daily_stats` of the given currencies, one record per currency and day (what the charts draw);
 * - `user_selections`, one record per KST day.
 * Bookkeeping columns nobody sees (ids, collected_at, batch_id, updated_at) are left out, so a row
 * stored again with the same values is the same record.
 */
import { mariadb } from "../stack.ts";
import type { UserRecord } from "./model.ts";

const CODE = /^[A-Z]{3}$/;

const codeList = (currencies: readonly string[]): string => {
  const bad = currencies.filter((code) => !CODE.test(code));
  if (bad.length > 0 || currencies.length === 0) throw new Error(`not currency codes: ${bad.join(", ")}`);
  return currencies.map((code) => `'${code}'`).join(", ");
};

/** `YYYY-MM-DD HH:MM:SS.fff` (UTC) for a DATETIME(3) literal. */
const sqlInstant = (at: Date) => at.toISOString().replace("T", " ").replace("Z", "");

const KST_DAY = "DATE_FORMAT(observed_at + INTERVAL 9 HOUR, '%Y-%m-%d')";
// A day of 2-minute rows is ~50 KB per currency and provider; the default limit (1 MB) would truncate
// larger groups silently.
const LONG_CONCAT = "SET SESSION group_concat_max_len = 1073741824;";

export const readExchangeRates = (
  currencies: readonly string[],
  cutoff: Date,
): Record<string, UserRecord> => {
  const rows = mariadb(
    `${LONG_CONCAT}
     SELECT currency, ${KST_DAY} AS day, provider, COUNT(*), MIN(rate), MAX(rate),
       SHA1(GROUP_CONCAT(CONCAT_WS('|', DATE_FORMAT(observed_at, '%Y-%m-%d %H:%i:%s.%f'), base, rate,
         IFNULL(tts, '-'), IFNULL(ttb, '-'), unit) ORDER BY observed_at SEPARATOR ';'))
     FROM exchange_rates
     WHERE currency IN (${codeList(currencies)}) AND observed_at < '${sqlInstant(cutoff)}'
     GROUP BY currency, day, provider`,
  );
  return Object.fromEntries(
    rows.map(([currency, day = "", provider, count, min, max, digest = ""]) => [
      `${currency} ${day} ${provider}`,
      { day, digest, shown: `${count} rows, rate ${min}..${max}` },
    ]),
  );
};

export const readDailyStats = (currencies: readonly string[]): Record<string, UserRecord> => {
  const rows = mariadb(
    `SELECT currency, DATE_FORMAT(kst_date, '%Y-%m-%d'), open, high, low, close, avg, samples
     FROM daily_stats WHERE currency IN (${codeList(currencies)})`,
  );
  return Object.fromEntries(
    rows.map(([currency, day = "", open, high, low, close, avg, samples]) => {
      const shown = `open ${open} high ${high} low ${low} close ${close} avg ${avg} samples ${samples}`;
      return [`${currency} ${day}`, { day, digest: shown, shown }];
    }),
  );
};

export const readUserSelections = (): Record<string, UserRecord> => {
  const rows = mariadb(
    `${LONG_CONCAT}
     SELECT DATE_FORMAT(kst_date, '%Y-%m-%d') AS day, COUNT(*),
       SHA1(GROUP_CONCAT(CONCAT_WS('|', selection_id, country, currency, IFNULL(user_hash, '-'),
         IFNULL(session_id, '-'), IFNULL(referrer, '-'), DATE_FORMAT(selected_at, '%Y-%m-%d %H:%i:%s.%f'))
         ORDER BY selection_id SEPARATOR ';'))
     FROM user_selections GROUP BY day`,
  );
  return Object.fromEntries(
    rows.map(([day = "", count, digest = ""]) => [day, { day, digest, shown: `${count} selections` }]),
  );
};
