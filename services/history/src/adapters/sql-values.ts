import { decimal } from "@trip/shared";

/**
 * A column that must hold a number: DECIMAL arrives as a string, integers as numbers, and a NULL column
 * is absent from the binding's row object. Anything else is a broken invariant, not data to guess at.
 */
export const requiredNumber = (row: Record<string, unknown>, column: string): number => {
  const value = decimal(row[column]);
  if (value === null) throw new TypeError(`column ${column} is NULL`);
  return value;
};

export const requiredString = (row: Record<string, unknown>, column: string): string => {
  const value = row[column];
  if (typeof value !== "string" && typeof value !== "number")
    throw new TypeError(`column ${column} is missing`);
  return String(value);
};
