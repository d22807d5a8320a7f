import { type CurrencyCode, getCurrency, type KstDate, kstDateOf } from "@trip/shared";
import type { LegacyDay, LegacyRate, LegacyTable, Rejection } from "./legacy-rows.ts";
import { quotedUnit, toStoredPrecision, type UnitAnchor, unitAnchor } from "./units.ts";

/** `exchange_rates.provider` of every imported row: how a reader (or a rollback) tells them apart. */
export const LEGACY_PROVIDER = "legacy";

/** Why a valid legacy row is not written (it is counted and reported). */
export type SkipReason =
  | "duplicate"
  | "conflicting-duplicate"
  | "already-imported"
  | "superseded-by-rates"
  | "day-already-aggregated";

export interface Skip {
  table: LegacyTable;
  id: string;
  reason: SkipReason;
  detail: string;
}

/** A row of `exchange_rates` to write: KRW per 1 unit, 8 decimals. */
export interface ImportedRate {
  legacyId: string;
  code: CurrencyCode;
  rate: number;
  tts: number | null;
  ttb: number | null;
  /** The catalog's Korean quoting unit, as the ingestor stores it. */
  unit: 1 | 100;
  observedAt: Date;
  collectedAt: Date;
  batchId: string;
}

/** A `daily_stats` row for a day the old database holds only as a daily row (no rates to aggregate). */
export interface ImportedDay {
  legacyId: string;
  code: CurrencyCode;
  date: KstDate;
  open: number;
  high: number;
  low: number;
  close: number;
  avg: number;
  samples: number;
}

export interface ImportPlan {
  rates: ImportedRate[];
  days: ImportedDay[];
  skipped: Skip[];
  rejected: Rejection[];
  anchors: UnitAnchor[];
  /** Per currency: rows found quoted per 1 and per 100 units (history and daily rows together). */
  units: Record<string, { per1: number; per100: number }>;
}

const byOrder = <T extends { order: number }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.order - b.order);

const groupByCode = <T extends { code: CurrencyCode }>(rows: readonly T[]) => {
  const groups = new Map<CurrencyCode, T[]>();
  for (const row of rows) {
    const group = groups.get(row.code);
    if (group) group.push(row);
    else groups.set(row.code, [row]);
  }
  return groups;
};

/**
 * Turns validated legacy rows into what to write, pure and whole before anything is written:
 * units normalised per currency (see units.ts), the first row of a currency and instant kept and later
 * ones skipped, and a daily row kept only for a day that has no rates (a day with rates is aggregated
 * from them, as the hourly job does). `storedRates` are our own latest rates per currency, the best
 * anchor for the unit check.
 */
export const planImport = (
  history: readonly LegacyRate[],
  daily: readonly LegacyDay[],
  storedRates: ReadonlyMap<string, number>,
): ImportPlan => {
  const plan: ImportPlan = { rates: [], days: [], skipped: [], rejected: [], anchors: [], units: {} };
  const historyByCode = groupByCode(history);
  const dailyByCode = groupByCode(daily);
  const codes = [...new Set([...historyByCode.keys(), ...dailyByCode.keys()])].sort();
  for (const code of codes) {
    const rates = byOrder(historyByCode.get(code) ?? []);
    const days = byOrder(dailyByCode.get(code) ?? []);
    const values = [...rates.map((r) => r.rate / r.declaredUnit), ...days.map((d) => d.avg / d.declaredUnit)];
    const declared = [...rates, ...days]
      .filter((r) => r.declaredUnit !== 1)
      .map((r) => ("rate" in r ? r.rate : r.avg) / r.declaredUnit);
    const anchor = unitAnchor(code, values, storedRates.get(code), declared);
    if (!anchor) continue;
    plan.anchors.push(anchor);
    const units = { per1: 0, per100: 0 };
    plan.units[code] = units;
    const catalogUnit = getCurrency(code)?.unit ?? 1;
    const scaleOf = (value: number, declaredUnit: number) => {
      const unit = quotedUnit(value / declaredUnit, anchor.perUnit);
      if (unit === undefined) return undefined;
      if (unit * declaredUnit === 100) units.per100++;
      else units.per1++;
      return unit * declaredUnit;
    };
    const kept = new Map<number, ImportedRate>();
    const rateDays = new Set<KstDate>();
    for (const row of rates) {
      const scale = scaleOf(row.rate, row.declaredUnit);
      if (scale === undefined) {
        plan.rejected.push({
          table: "exchange_rate_history",
          id: row.id,
          reason: "implausible-magnitude",
          detail: `${code} ${row.rate} against about ${anchor.perUnit.toPrecision(3)} KRW per unit`,
        });
        continue;
      }
      const perUnit = (n: number | null) => (n === null ? null : toStoredPrecision(n / scale));
      const imported: ImportedRate = {
        legacyId: row.id,
        code,
        rate: toStoredPrecision(row.rate / scale),
        tts: perUnit(row.tts),
        ttb: perUnit(row.ttb),
        unit: catalogUnit,
        observedAt: row.observedAt,
        collectedAt: row.collectedAt,
        batchId: `${LEGACY_PROVIDER}:${row.source}`.slice(0, 64),
      };
      const key = row.observedAt.getTime();
      const first = kept.get(key);
      if (first) {
        const same = first.rate === imported.rate && first.tts === imported.tts && first.ttb === imported.ttb;
        plan.skipped.push({
          table: "exchange_rate_history",
          id: row.id,
          reason: same ? "duplicate" : "conflicting-duplicate",
          detail: `${code} at ${row.observedAt.toISOString()}: kept id ${first.legacyId} (${first.rate})${same ? "" : `, dropped ${imported.rate}`}`,
        });
        continue;
      }
      kept.set(key, imported);
      rateDays.add(kstDateOf(row.observedAt));
    }
    plan.rates.push(...kept.values());
    const keptDays = new Map<KstDate, ImportedDay>();
    for (const row of days) {
      const scale = scaleOf(row.avg, row.declaredUnit);
      if (scale === undefined) {
        plan.rejected.push({
          table: "daily_exchange_rates",
          id: row.id,
          reason: "implausible-magnitude",
          detail: `${code} avg ${row.avg} against about ${anchor.perUnit.toPrecision(3)} KRW per unit`,
        });
        continue;
      }
      if (rateDays.has(row.date)) {
        plan.skipped.push({
          table: "daily_exchange_rates",
          id: row.id,
          reason: "superseded-by-rates",
          detail: `${code} ${row.date} is aggregated from its imported rates`,
        });
        continue;
      }
      const first = keptDays.get(row.date);
      if (first) {
        plan.skipped.push({
          table: "daily_exchange_rates",
          id: row.id,
          reason: "duplicate",
          detail: `${code} ${row.date}: kept id ${first.legacyId}`,
        });
        continue;
      }
      const at = (n: number) => toStoredPrecision(n / scale);
      keptDays.set(row.date, {
        legacyId: row.id,
        code,
        date: row.date,
        open: at(row.open),
        high: at(row.high),
        low: at(row.low),
        close: at(row.close),
        avg: at(row.avg),
        samples: row.volume,
      });
    }
    plan.days.push(...keptDays.values());
  }
  return plan;
};
