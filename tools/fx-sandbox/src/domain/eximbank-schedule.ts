import { isBusinessDay, kstDateOf, kstMinuteOfDay } from "./kst-calendar.ts";

/** Eximbank publishes the day's first rates around 11:00 KST. */
export const EXIMBANK_PUBLISH_MINUTE = 11 * 60;

/**
 * Which rates AP01 answers for `date` when asked at `instantMs`:
 * - none: weekend, future date, or today before 11:00 KST (the provider answers `[]`);
 * - live: today after publication, the rate of the current 2-minute step;
 * - close: a past business day, that day's close.
 */
export type EximbankQuoteTime = "none" | "live" | "close";

export const eximbankQuoteTime = (date: string, instantMs: number): EximbankQuoteTime => {
  const today = kstDateOf(instantMs);
  if (date > today || !isBusinessDay(date)) return "none";
  if (date < today) return "close";
  return kstMinuteOfDay(instantMs) >= EXIMBANK_PUBLISH_MINUTE ? "live" : "none";
};
