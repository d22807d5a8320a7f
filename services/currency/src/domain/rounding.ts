/**
 * Rounds to `digits` significant digits (rates: 8, enough for DECIMAL(20,8) values such as 1392.45 or
 * 0.0921 and for any cross rate, without binary noise such as 0.30000000000000004).
 * @example roundSignificant(1 / 3, 8) // 0.33333333
 */
export const roundSignificant = (value: number, digits: number): number =>
  value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));

/**
 * Rounds half away from zero to `decimals` places; the EPSILON nudge keeps values such as 1.005, which
 * binary floats store as 1.00499999…, rounding the way a person expects.
 * @example roundDecimals(1.005, 2) // 1.01
 */
export const roundDecimals = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  const rounded = Math.round((Math.abs(value) + Number.EPSILON * Math.abs(value)) * scale) / scale;
  return value < 0 ? -rounded : rounded;
};

/**
 * How every rate the API returns is rounded: 8 decimal places (the database's DECIMAL(20,8), so a
 * stored KRW rate comes back exactly as stored), or 8 significant digits for rates below 1, where 8
 * decimals would leave too few (1 IDR in USD is about 0.0000608).
 * @example roundRate(1395.311780321) // 1395.31178032
 * @example roundRate(9.5 / 1400) // 0.0067857143
 */
export const roundRate = (value: number): number =>
  Math.abs(value) >= 1 ? roundDecimals(value, 8) : roundSignificant(value, 8);
