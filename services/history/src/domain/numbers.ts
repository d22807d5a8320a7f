/**
 * Strips floating-point noise from a computed figure for the wire (12 significant digits keeps every
 * digit of a DECIMAL(20,8) rate up to 9,999.99999999 and far more than any percentage needs).
 * @example tidy(0.1 + 0.2) // 0.3
 */
export const tidy = (x: number): number => Number(x.toPrecision(12));

export const tidyOrNull = (x: number | null): number | null => (x === null ? null : tidy(x));
