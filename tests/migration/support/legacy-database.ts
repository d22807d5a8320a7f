/**
 * A year of the old system's rate history, generated in its MySQL schema (../shared/legacy.md) with the
 * known answers beside it: what an import must store per 1 unit, what it must skip and reject, and why.
 * Deterministic (seeded), so a failure reproduces.
 */
import { FOREIGN_CURRENCY_CODES, getCurrency, kstDateOf } from "@trip/shared";
import { DateTime } from "luxon";

export const LEGACY_SCHEMA = `
CREATE TABLE currencies (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  currency_code VARCHAR(10) NOT NULL UNIQUE,
  currency_name_ko VARCHAR(100), currency_name_en VARCHAR(100), country_code VARCHAR(2),
  country_name_ko VARCHAR(100), country_name_en VARCHAR(100), symbol VARCHAR(10),
  decimal_places INT DEFAULT 2, is_active TINYINT(1) DEFAULT 1, display_order INT DEFAULT 0,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE exchange_rate_history (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  currency_code VARCHAR(10) NOT NULL,
  currency_name VARCHAR(100),
  deal_base_rate DECIMAL(18,4) NOT NULL,
  tts DECIMAL(18,4) NULL,
  ttb DECIMAL(18,4) NULL,
  source VARCHAR(50),
  recorded_at DATETIME,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  KEY idx_currency_recorded (currency_code, recorded_at)
);
CREATE TABLE daily_exchange_rates (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  currency_code VARCHAR(10) NOT NULL,
  trade_date DATE NOT NULL,
  open_rate DECIMAL(18,4), close_rate DECIMAL(18,4), high_rate DECIMAL(18,4), low_rate DECIMAL(18,4),
  avg_rate DECIMAL(18,4), volume INT, volatility DECIMAL(10,6) NULL,
  UNIQUE KEY uq_currency_date (currency_code, trade_date)
);`;

/** Rough KRW per 1 unit at the start of the year; the walk moves from there. */
const START_RATES: Record<string, number> = {
  USD: 1390,
  JPY: 9.2,
  EUR: 1500,
  CNY: 192,
  GBP: 1780,
  AUD: 905,
  CAD: 995,
  CHF: 1600,
  HKD: 178,
  SGD: 1040,
  THB: 40.5,
  VND: 0.0545,
  TWD: 43.2,
  PHP: 24.1,
  IDR: 0.0852,
  MYR: 312,
  NZD: 810,
  AED: 378,
  INR: 16.4,
  MXN: 75.2,
  TRY: 33.8,
  CZK: 60.1,
  SEK: 131,
  NOK: 125,
  DKK: 201,
  HUF: 3.82,
  PLN: 352,
  BRL: 255,
  ZAR: 76.4,
};

export const FIRST_DAY = "2025-12-01";
export const DAYS = 365;
/** Daily rows only (no history rows): the month before the history starts. */
export const DAILY_ONLY_DAYS = 30;
const TIMES = ["09:05:00", "11:00:00", "15:30:00"];

export interface Expected {
  /** Unique valid observations: currency|instant ISO → KRW per 1 unit, 8 decimals as text. */
  rates: Map<string, { rate: string; tts: string | null; ttb: string | null }>;
  /** Daily-only days: currency|date → [open, high, low, close, avg] per 1 unit, and samples. */
  dailyOnly: Map<string, { values: string[]; samples: number }>;
  historyRows: number;
  dailyRows: number;
  skipped: Record<string, number>;
  rejectedHistory: Record<string, number>;
  rejectedDaily: Record<string, number>;
  dailySuperseded: number;
}

let seed = 20_251_201;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const fixed4 = (n: number) => n.toFixed(4);
const per1 = (stored: string, unit: number) => (Number(stored) / unit).toFixed(8);
const quote = (v: string | null) => (v === null ? "NULL" : `'${v.replaceAll("'", "''")}'`);

/** The SQL that fills the old schema, and the answers. Times are KST, as the old server wrote them. */
export const generateLegacyData = (): { sql: string; expected: Expected } => {
  const history: string[] = [];
  const daily: string[] = [];
  const expected: Expected = {
    rates: new Map(),
    dailyOnly: new Map(),
    historyRows: 0,
    dailyRows: 0,
    skipped: { duplicate: 0, "conflicting-duplicate": 0 },
    rejectedHistory: {},
    rejectedDaily: {},
    dailySuperseded: 0,
  };
  const addHistory = (row: (string | null)[]) => {
    history.push(`(${row.map(quote).join(",")})`);
    expected.historyRows++;
  };
  const addDaily = (row: (string | null)[]) => {
    daily.push(`(${row.map(quote).join(",")})`);
    expected.dailyRows++;
  };
  const start = DateTime.fromISO(FIRST_DAY, { zone: "Asia/Seoul" });
  for (const code of FOREIGN_CURRENCY_CODES) {
    const name = getCurrency(code)?.nameKo ?? code;
    let level = START_RATES[code] ?? 1;
    // Daily-only month before the history: per-1 values, quoted in the old unit of the currency.
    const oldUnit = getCurrency(code)?.unit ?? 1;
    for (let d = DAILY_ONLY_DAYS; d >= 1; d--) {
      const date = start.minus({ days: d }).toISODate() as string;
      const avg = level * (1 + (random() - 0.5) * 0.01);
      const values = [avg * 0.998, avg * 1.004, avg * 0.995, avg * 1.001, avg].map((v) =>
        fixed4(v * oldUnit),
      );
      const [open, high, low, close, mean] = values as [string, string, string, string, string];
      addDaily([code, date, open, close, high, low, mean, "3", null]);
      expected.dailyOnly.set(`${code}|${date}`, {
        values: [open, high, low, close, mean].map((v) => per1(v, oldUnit)),
        samples: 3,
      });
    }
    for (let d = 0; d < DAYS; d++) {
      const day = start.plus({ days: d });
      if (day.weekday > 5) continue;
      // JPY and IDR: Eximbank per 100, except Feb-Mar 2026 when the old system used a per-1 provider,
      // and JPY's April written as `JPY(100)`. Everything else per 1.
      const perOneMonths = day.month === 2 || day.month === 3;
      const unit = oldUnit === 100 && !perOneMonths ? 100 : 1;
      const storedCode = code === "JPY" && day.month === 4 ? "JPY(100)" : code;
      const source = unit === 1 && oldUnit === 100 ? "exchangerate-api" : "koreaexim";
      const dayRates: string[] = [];
      for (const time of TIMES) {
        level *= 1 + (random() - 0.5) * 0.012;
        const at = DateTime.fromISO(`${day.toISODate()}T${time}`, { zone: "Asia/Seoul" });
        const rate = fixed4(level * unit);
        // About one row in five has no bank rates (the old provider gave none).
        const banked = source === "koreaexim" && random() > 0.2;
        const tts = banked ? fixed4(Number(rate) * 1.0175) : null;
        const ttb = banked ? fixed4(Number(rate) * 0.9825) : null;
        const recorded = at.toFormat("yyyy-MM-dd HH:mm:ss");
        addHistory([storedCode, name, rate, tts, ttb, source, recorded, recorded]);
        expected.rates.set(`${code}|${at.toUTC().toISO()}`, {
          rate: per1(rate, unit),
          tts: tts === null ? null : per1(tts, unit),
          ttb: ttb === null ? null : per1(ttb, unit),
        });
        dayRates.push(rate);
        // The old collector's retries stored some observations twice; a few with another value.
        const roll = random();
        if (roll < 0.01) {
          addHistory([storedCode, name, rate, tts, ttb, source, recorded, recorded]);
          expected.skipped.duplicate = (expected.skipped.duplicate ?? 0) + 1;
        } else if (roll < 0.0115) {
          addHistory([
            storedCode,
            name,
            fixed4(Number(rate) * 1.001),
            null,
            null,
            source,
            recorded,
            recorded,
          ]);
          expected.skipped["conflicting-duplicate"] = (expected.skipped["conflicting-duplicate"] ?? 0) + 1;
        }
      }
      const sorted = [...dayRates].map(Number).sort((a, b) => a - b);
      const mean = dayRates.reduce((a, b) => a + Number(b), 0) / dayRates.length;
      addDaily([
        storedCode,
        day.toISODate() as string,
        dayRates[0] as string,
        dayRates.at(-1) as string,
        fixed4(sorted.at(-1) as number),
        fixed4(sorted[0] as number),
        fixed4(mean),
        String(dayRates.length),
        null,
      ]);
      expected.dailySuperseded++;
    }
  }
  // Corrupt rows, each a kind the old database is known to hold.
  const reject = (reason: string) => {
    expected.rejectedHistory[reason] = (expected.rejectedHistory[reason] ?? 0) + 1;
  };
  const corrupt: Array<[string, (string | null)[]]> = [
    ["invalid-rate", ["USD", "미국 달러", "0.0000", null, null, "koreaexim", "2026-05-04 10:00:00", null]],
    ["invalid-rate", ["EUR", "유로", "-1500.1200", null, null, "koreaexim", "2026-05-04 10:00:00", null]],
    ["unknown-currency", ["XXX", "?", "1000.0000", null, null, "koreaexim", "2026-05-04 10:00:00", null]],
    ["unknown-currency", ["", "", "1000.0000", null, null, "koreaexim", "2026-05-04 10:00:00", null]],
    ["invalid-time", ["USD", "미국 달러", "1390.0000", null, null, "koreaexim", "0000-00-00 00:00:00", null]],
    ["invalid-time", ["GBP", "영국 파운드", "1790.0000", null, null, "koreaexim", null, null]],
    ["invalid-time", ["USD", "미국 달러", "1390.0000", null, null, "koreaexim", "2099-01-01 10:00:00", null]],
    [
      "invalid-bank-rate",
      ["CAD", "캐나다 달러", "990.0000", "-1.0000", "970.0000", "koreaexim", "2026-05-04 10:00:00", null],
    ],
    [
      "implausible-magnitude",
      ["USD", "미국 달러", "139000000.0000", null, null, "koreaexim", "2026-05-04 10:00:00", null],
    ],
    [
      "implausible-magnitude",
      ["THB", "태국 바트", "0.0004", null, null, "koreaexim", "2026-05-04 10:00:00", null],
    ],
  ];
  for (const [reason, row] of corrupt) {
    addHistory(row);
    reject(reason);
  }
  const corruptDaily: Array<[string, (string | null)[]]> = [
    ["inconsistent-daily", ["USD", "2025-10-01", "1390", "1391", "1380", "1395", "1390", "3", null]],
    ["inconsistent-daily", ["EUR", "2025-10-01", "1500", "1501", "1502", "1499", "1500", "0", null]],
    ["unknown-currency", ["ABC", "2025-10-01", "1", "1", "1", "1", "1", "1", null]],
  ];
  for (const [reason, row] of corruptDaily) {
    addDaily(row);
    expected.rejectedDaily[reason] = (expected.rejectedDaily[reason] ?? 0) + 1;
  }
  const insert = (table: string, columns: string, rows: string[]) =>
    Array.from(
      { length: Math.ceil(rows.length / 1000) },
      (_, i) => `INSERT INTO ${table} (${columns}) VALUES ${rows.slice(i * 1000, (i + 1) * 1000).join(",")};`,
    ).join("\n");
  const sql = [
    "SET SESSION sql_mode = '';", // the old server accepted zero dates
    LEGACY_SCHEMA,
    insert(
      "exchange_rate_history",
      "currency_code, currency_name, deal_base_rate, tts, ttb, source, recorded_at, created_at",
      history,
    ),
    insert(
      "daily_exchange_rates",
      "currency_code, trade_date, open_rate, close_rate, high_rate, low_rate, avg_rate, volume, volatility",
      daily,
    ),
  ].join("\n");
  return { sql, expected };
};

/** The KST day of an expected rate key (`USD|2026-03-02T02:00:00.000Z`). */
export const kstDayOfKey = (key: string): string => kstDateOf(new Date(key.split("|")[1] as string));
