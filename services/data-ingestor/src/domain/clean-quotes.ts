import { type CurrencyCode, getCurrency, HOME_CURRENCY } from "@trip/shared";
import type { ProviderQuote } from "./provider-snapshot.ts";

/** Provider spellings of a catalog code. Eximbank quotes the offshore yuan (CNH) where we list CNY. */
export const PROVIDER_CODE_ALIASES: Readonly<Record<string, CurrencyCode>> = { CNH: "CNY" };

/** A cleaned rate: KRW per 1 unit of `code` (8 decimals, as stored); `unit` is the Korean quoting unit. */
export interface CleanRate {
  code: CurrencyCode;
  rate: number;
  tts: number | null;
  ttb: number | null;
  unit: 1 | 100;
}

export type RejectionReason = "invalid-value" | "duplicate" | "jump";

export interface RejectedQuote {
  providerCode: string;
  reason: RejectionReason;
  detail: string;
}

export interface CleanedQuotes {
  accepted: CleanRate[];
  rejected: RejectedQuote[];
  /** Provider codes outside the catalog (and KRW itself): not an error, just not ours. */
  ignored: string[];
}

export interface CleaningRules {
  /** Largest accepted move against the last stored value, in percent. */
  bandPercent: number;
  /** The last stored rate per code (KRW per 1 unit). */
  lastRates: ReadonlyMap<string, number>;
}

const DECIMALS = 1e8;
/** Rounds to the 8 decimals of `DECIMAL(20,8)`, so the cache and the event carry what the table holds. */
const toStoredPrecision = (n: number): number => Math.round(n * DECIMALS) / DECIMALS;

/**
 * `JPY(100)` → JPY quoted per 100; `CNH` → CNY; `usd` → USD.
 * @example parseProviderCode("IDR(100)") // { code: "IDR", quotedUnit: 100 }
 */
export const parseProviderCode = (providerCode: string): { code: string; quotedUnit: number } => {
  const match = /^\s*([A-Za-z]{3})\s*(?:\(\s*(\d+)\s*\))?\s*$/.exec(providerCode);
  if (!match?.[1]) return { code: providerCode.trim().toUpperCase(), quotedUnit: 1 };
  const code = match[1].toUpperCase();
  return { code: PROVIDER_CODE_ALIASES[code] ?? code, quotedUnit: match[2] ? Number(match[2]) : 1 };
};

/** A bank rate that is missing, zero, negative or not finite is simply absent. */
const bankRate = (value: number | null, quotedUnit: number): number | null => {
  if (value === null || !Number.isFinite(value) || value <= 0) return null;
  const perUnit = toStoredPrecision(value / quotedUnit);
  return perUnit > 0 ? perUnit : null;
};

/**
 * The cleaning rules of one run, in order: map provider codes, keep catalog currencies only, drop
 * non-positive / non-finite rates, normalise per-100 quotes to per-1, keep the first quote of a code, and
 * reject a move beyond `bandPercent` against the last stored value. Pure: the caller logs rejections.
 */
export const cleanQuotes = (quotes: readonly ProviderQuote[], rules: CleaningRules): CleanedQuotes => {
  const accepted = new Map<CurrencyCode, CleanRate>();
  const rejected: RejectedQuote[] = [];
  const ignored: string[] = [];
  for (const quote of quotes) {
    const { code, quotedUnit } = parseProviderCode(quote.providerCode);
    const currency = getCurrency(code);
    if (!currency || currency.code === HOME_CURRENCY) {
      ignored.push(quote.providerCode);
      continue;
    }
    const value = quote.krwPerQuotedUnit;
    const rate = Number.isFinite(value) && value > 0 ? toStoredPrecision(value / quotedUnit) : 0;
    if (!(rate > 0)) {
      rejected.push({ providerCode: quote.providerCode, reason: "invalid-value", detail: `rate ${value}` });
      continue;
    }
    if (accepted.has(currency.code)) {
      rejected.push({
        providerCode: quote.providerCode,
        reason: "duplicate",
        detail: `second ${code} quote`,
      });
      continue;
    }
    const last = rules.lastRates.get(currency.code);
    if (last !== undefined && last > 0) {
      const movePercent = (Math.abs(rate - last) / last) * 100;
      if (movePercent > rules.bandPercent) {
        const detail = `${last} → ${rate} (${movePercent.toFixed(2)}% > ${rules.bandPercent}%)`;
        rejected.push({ providerCode: quote.providerCode, reason: "jump", detail });
        continue;
      }
    }
    accepted.set(currency.code, {
      code: currency.code,
      rate,
      tts: bankRate(quote.tts, quotedUnit),
      ttb: bankRate(quote.ttb, quotedUnit),
      unit: currency.unit,
    });
  }
  const sorted = [...accepted.values()].sort((a, b) => a.code.localeCompare(b.code));
  return { accepted: sorted, rejected, ignored };
};
