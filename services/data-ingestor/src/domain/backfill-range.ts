import { addKstDays, type KstDate, kstDateOf } from "@trip/shared";

export const MAX_BACKFILL_DAYS = 3650;

/**
 * The KST dates a backfill of `days` covers: the `days` calendar days ending with yesterday (the last
 * day whose close is final). Business days among them get one row per currency; weekends get none.
 * @example backfillRange(new Date("2026-11-27T03:00:00Z"), 30) // { from: "2026-10-28", to: "2026-11-26" }
 */
export const backfillRange = (now: Date, days: number): { from: KstDate; to: KstDate } => {
  if (!Number.isInteger(days) || days < 1 || days > MAX_BACKFILL_DAYS) {
    throw new RangeError(`days must be an integer from 1 to ${MAX_BACKFILL_DAYS}`);
  }
  const to = addKstDays(kstDateOf(now), -1);
  return { from: addKstDays(to, -(days - 1)), to };
};
