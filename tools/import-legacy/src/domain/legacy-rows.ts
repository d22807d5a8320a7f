import { type CurrencyCode, getCurrency, HOME_CURRENCY, isKstDate, type KstDate } from "@trip/shared";
import { DateTime } from "luxon";
import type { DumpRow } from "./dump-parser.ts";

/** Why a legacy row is not imported at all (it is counted and reported, never written in part). */
export type RejectReason =
  | "malformed-row"
  | "unknown-currency"
  | "invalid-rate"
  | "invalid-bank-rate"
  | "invalid-time"
  | "implausible-magnitude"
  | "inconsistent-daily";

export interface Rejection {
  table: LegacyTable;
  id: string;
  reason: RejectReason;
  detail: string;
}

export type LegacyTable = "exchange_rate_history" | "daily_exchange_rates";

/** A history row that passed validation; rates still in the unit the old system stored. */
export interface LegacyRate {
  id: string;
  order: number;
  code: CurrencyCode;
  /** Unit written in the old code (`JPY(100)` → 100), else 1; the magnitude check comes later. */
  declaredUnit: number;
  rate: number;
  tts: number | null;
  ttb: number | null;
  source: string;
  observedAt: Date;
  collectedAt: Date;
}

/** A daily row that passed validation; rates still in the unit the old system stored. */
export interface LegacyDay {
  id: string;
  order: number;
  code: CurrencyCode;
  declaredUnit: number;
  date: KstDate;
  open: number;
  high: number;
  low: number;
  close: number;
  avg: number;
  volume: number;
}

export type Checked<T> = { ok: true; row: T } | { ok: false; rejection: Rejection };

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const SQL_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/** `"1392.4500"` → 1392.45; `null`, `""` → null; anything else → NaN (the caller rejects it). */
export const parseDecimal = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined || value.trim() === "") return null;
  const text = value.trim();
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
};

/**
 * A code as the old system stored it: `usd`, ` JPY(100)`, `CNH` (Eximbank's offshore yuan = our CNY).
 * @example legacyCode("JPY(100)") // { code: "JPY", declaredUnit: 100 }
 */
export const legacyCode = (raw: string | null): { code: CurrencyCode; declaredUnit: number } | undefined => {
  const match = /^\s*([A-Za-z]{3})\s*(?:\(\s*(1|100)\s*\))?\s*$/.exec(raw ?? "");
  if (!match?.[1]) return undefined;
  const upper = match[1].toUpperCase();
  const currency = getCurrency(upper === "CNH" ? "CNY" : upper);
  if (!currency || currency.code === HOME_CURRENCY) return undefined;
  return { code: currency.code, declaredUnit: match[2] ? Number(match[2]) : 1 };
};

/** A DATETIME written in the old server's zone, as an instant; undefined for zero or invalid dates. */
export const legacyInstant = (raw: string | null, zone: string): Date | undefined => {
  if (raw === null || !SQL_DATETIME.test(raw.trim())) return undefined;
  const dt = DateTime.fromSQL(raw.trim(), { zone });
  return dt.isValid ? dt.toJSDate() : undefined;
};

const positive = (n: number | null | undefined): n is number =>
  typeof n === "number" && Number.isFinite(n) && n > 0;

/** One `exchange_rate_history` row checked field by field; `now` bounds the time (no future rows). */
export const checkHistoryRow = (
  row: DumpRow,
  order: number,
  zone: string,
  now: Date,
): Checked<LegacyRate> => {
  const id = row.id ?? `#${order}`;
  const reject = (reason: RejectReason, detail: string): Checked<LegacyRate> => ({
    ok: false,
    rejection: { table: "exchange_rate_history", id, reason, detail },
  });
  const code = legacyCode(row.currency_code ?? null);
  if (!code) return reject("unknown-currency", `currency_code ${JSON.stringify(row.currency_code)}`);
  const rate = parseDecimal(row.deal_base_rate);
  if (!positive(rate)) return reject("invalid-rate", `deal_base_rate ${row.deal_base_rate}`);
  const tts = parseDecimal(row.tts);
  const ttb = parseDecimal(row.ttb);
  for (const [name, value] of [
    ["tts", tts],
    ["ttb", ttb],
  ] as const) {
    if (value !== null && !positive(value)) return reject("invalid-bank-rate", `${name} ${row[name]}`);
    // A bank rate is the base rate plus or minus a spread of a few percent, in the same unit.
    if (value !== null && (value > rate * 1.5 || value < rate / 1.5)) {
      return reject("invalid-bank-rate", `${name} ${row[name]} against deal_base_rate ${row.deal_base_rate}`);
    }
  }
  const observedAt = legacyInstant(row.recorded_at ?? null, zone);
  if (!observedAt) return reject("invalid-time", `recorded_at ${JSON.stringify(row.recorded_at)}`);
  if (observedAt.getTime() > now.getTime())
    return reject("invalid-time", `recorded_at ${row.recorded_at} is in the future`);
  return {
    ok: true,
    row: {
      id,
      order,
      ...code,
      rate,
      tts,
      ttb,
      source: row.source?.trim() || "unknown",
      observedAt,
      collectedAt: legacyInstant(row.created_at ?? null, zone) ?? observedAt,
    },
  };
};

/** One `daily_exchange_rates` row checked: positive prices, low ≤ open/close/avg ≤ high, volume ≥ 1. */
export const checkDailyRow = (row: DumpRow, order: number): Checked<LegacyDay> => {
  const id = row.id ?? `${row.currency_code}@${row.trade_date}`;
  const reject = (reason: RejectReason, detail: string): Checked<LegacyDay> => ({
    ok: false,
    rejection: { table: "daily_exchange_rates", id, reason, detail },
  });
  const code = legacyCode(row.currency_code ?? null);
  if (!code) return reject("unknown-currency", `currency_code ${JSON.stringify(row.currency_code)}`);
  const date = row.trade_date?.trim() ?? "";
  if (!isKstDate(date)) return reject("invalid-time", `trade_date ${JSON.stringify(row.trade_date)}`);
  const [open, high, low, close, avg] = (
    ["open_rate", "high_rate", "low_rate", "close_rate", "avg_rate"] as const
  ).map((name) => parseDecimal(row[name]));
  if (!positive(open) || !positive(high) || !positive(low) || !positive(close) || !positive(avg)) {
    return reject("invalid-rate", `open/high/low/close/avg ${open}/${high}/${low}/${close}/${avg}`);
  }
  if (Math.min(open, close, avg) < low || Math.max(open, close, avg) > high) {
    return reject(
      "inconsistent-daily",
      `low ${low} high ${high} outside open ${open} close ${close} avg ${avg}`,
    );
  }
  const volume = parseDecimal(row.volume);
  if (!positive(volume) || !Number.isInteger(volume))
    return reject("inconsistent-daily", `volume ${row.volume}`);
  return { ok: true, row: { id, order, ...code, date, open, high, low, close, avg, volume } };
};
