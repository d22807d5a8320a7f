import { type Locale, localeTag } from "../i18n/translate.ts";

// Intl formatters are costly to build and used on every render: keep one per locale and options.
const cache = new Map<string, Intl.NumberFormat>();
const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeTag(locale), options);
    cache.set(key, format);
  }
  return format;
};

/** A won amount, never with decimals. @example formatKrw(1392.6, "ko") // "₩1,393" */
export const formatKrw = (amount: number, locale: Locale): string =>
  numberFormat(locale, { style: "currency", currency: "KRW", maximumFractionDigits: 0 }).format(amount);

/** An amount of a foreign currency with its usual decimals. @example formatMoney(480, "JPY", 0, "en") // "¥480" */
export const formatMoney = (amount: number, currency: string, decimals: number, locale: Locale): string =>
  numberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(amount);

/**
 * Decimals a KRW-per-unit rate is shown with: two as Korean banks quote them, or enough for four
 * significant digits when the rate is below 1 (e.g. VND), so small rates keep their information.
 */
const rateDecimals = (rate: number): number =>
  Math.abs(rate) >= 1 || rate === 0 ? 2 : Math.min(8, 3 - Math.floor(Math.log10(Math.abs(rate))));

/**
 * A KRW-per-unit rate. @example formatRate(1392.4, "ko") // "1,392.40"
 * @example formatRate(0.05481, "en") // "0.05481"
 */
export const formatRate = (rate: number, locale: Locale): string => {
  const decimals = rateDecimals(rate);
  return numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    rate,
  );
};

/**
 * A change of a rate, at the precision the rate itself is shown with (a change of 0.0078 won on a
 * 1,394.56 rate is "-0.01", not "-0.0078"), with an explicit sign unless it rounds to zero.
 * @example formatSignedRate(-0.946, 1392.4, "en") // "-0.95"
 */
export const formatSignedRate = (change: number, rate: number, locale: Locale): string => {
  const decimals = rateDecimals(rate);
  return numberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: "exceptZero",
  }).format(change);
};

/** Direction of a change as shown next to a rate: a change that rounds to zero at the rate's precision is flat. */
export const shownDirectionOf = (change: number, rate: number): "up" | "down" | "flat" =>
  directionOf(Number(change.toFixed(rateDecimals(rate))));

/** A percentage given in percent units, signed. @example formatSignedPercent(0.134, "en") // "+0.13%" */
export const formatSignedPercent = (percent: number, locale: Locale): string =>
  numberFormat(locale, { style: "percent", maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(
    percent / 100,
  );

/** A percentage given in percent units, unsigned. @example formatPercent(12.5, "ko") // "12.5%" */
export const formatPercent = (percent: number, locale: Locale, maximumFractionDigits = 1): string =>
  numberFormat(locale, { style: "percent", maximumFractionDigits }).format(percent / 100);

/** A plain figure (counts, indices, correlations). @example formatNumber(1234.5, "en", 1) // "1,234.5" */
export const formatNumber = (value: number, locale: Locale, maximumFractionDigits = 0): string =>
  numberFormat(locale, { maximumFractionDigits }).format(value);

/** A figure with exactly `digits` decimals. @example formatFixed(0.5, "en", 2) // "0.50" */
export const formatFixed = (value: number, locale: Locale, digits: number): string =>
  numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

/** Direction of a change, for colour and arrow (Korean convention: up red, down blue). */
export const directionOf = (change: number | null | undefined): "up" | "down" | "flat" =>
  change === null || change === undefined || change === 0 ? "flat" : change > 0 ? "up" : "down";
