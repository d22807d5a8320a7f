import type { Bar } from "../domain/bars.ts";

/** A bar for tests: `[key, open, high, low, close, average?, samples?]`. */
export const testBar = (
  key: string,
  open: number,
  high: number,
  low: number,
  close: number,
  average?: number,
  samples = 1,
): Bar => ({
  key,
  open,
  high,
  low,
  close,
  average: average ?? (open + close) / 2,
  samples,
});

/** Flat bars (open = high = low = close) from closes keyed d000, d001, … */
export const closesToBars = (closes: readonly number[]): Bar[] =>
  closes.map((c, i) => testBar(`d${String(i).padStart(3, "0")}`, c, c, c, c, c));
