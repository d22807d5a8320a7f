import { addKstDays, type KstDate, kstDatesBetween } from "@trip/shared";

export interface RolloverPlan {
  /** Finished days to archive, oldest first. */
  archive: KstDate[];
  /** Finished days older than the catch-up limit: marked done without archiving (their logs expired). */
  skipped: KstDate[];
}

/**
 * Which finished KST days still need archiving: every day after `lastArchived` and before `today`,
 * at most `maxCatchUpDays` of them (the most recent). Nothing when the state is already current.
 */
export const planRollover = (lastArchived: KstDate, today: KstDate, maxCatchUpDays: number): RolloverPlan => {
  const yesterday = addKstDays(today, -1);
  const pending = kstDatesBetween(addKstDays(lastArchived, 1), yesterday);
  const cut = Math.max(0, pending.length - maxCatchUpDays);
  return { archive: pending.slice(cut), skipped: pending.slice(0, cut) };
};
