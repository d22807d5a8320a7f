/** What the user typed into an amount field. */
export type ParsedAmount = { kind: "empty" } | { kind: "invalid" } | { kind: "amount"; value: number };

/**
 * Reads a typed amount: group separators and spaces are ignored; negative, non-numeric or non-finite
 * input is invalid. @example parseAmount("1,000.5") // { kind: "amount", value: 1000.5 }
 */
export const parseAmount = (text: string): ParsedAmount => {
  const cleaned = text.replace(/[,\s_]/g, "");
  if (cleaned === "") return { kind: "empty" };
  if (!/^\d*\.?\d*$/.test(cleaned) || cleaned === ".") return { kind: "invalid" };
  const value = Number(cleaned);
  return Number.isFinite(value) ? { kind: "amount", value } : { kind: "invalid" };
};

/**
 * Local currency → KRW at a KRW-per-1-unit rate (the API always quotes per 1 unit, JPY and IDR
 * included; the per-100 unit is only how the rate is displayed).
 * @example localToKrw(100, 1392.4) // 139240
 */
export const localToKrw = (amount: number, ratePerUnit: number): number => amount * ratePerUnit;

/** KRW → local currency. @example krwToLocal(139240, 1392.4) // 100 */
export const krwToLocal = (krw: number, ratePerUnit: number): number => krw / ratePerUnit;

/**
 * Rounds half away from zero to `decimals` places, as a price tag would. The scaled value is cut to 15
 * significant digits first so binary noise (1.005 × 100 = 100.49999…) does not decide the rounding.
 */
export const roundTo = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
};

/**
 * An amount as it goes back into an input field: rounded to the currency's decimals, grouped, and
 * without trailing zeros. @example amountForInput(1234.5, 2) // "1,234.5"
 */
export const amountForInput = (value: number, decimals: number): string =>
  new Intl.NumberFormat("en-US", { maximumFractionDigits: decimals }).format(roundTo(value, decimals));

/** The rate as displayed for a quoting unit. @example displayRate(9.1234, 100) // 912.34 */
export const displayRate = (ratePerUnit: number, unit: number): number => ratePerUnit * unit;
