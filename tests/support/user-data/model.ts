/**
 * What users see of the stack's data, reduced to comparable records: the "user data" a test run or a
 * benchmark must leave exactly as it found it (issue 13). Pure: no I/O here.
 *
 * The product's own schedules keep adding data while a run goes on (an ingestion every 2 minutes, the
 * ranking every minute, the KST-day rollover, the hourly aggregation), so a snapshot draws a line in time:
 * - `cutoff`: 5 minutes before the snapshot. Rates observed before it are settled: from then on no row
 *   of them may appear, change or go. Rates observed after it are live (the schedules may add them).
 * - `liveDay`: the KST day of the cutoff. Daily aggregates, stored selections and ranking records of the
 *   days before it are settled; those of `liveDay` and later are live.
 * The snapshot is taken after catching up the jobs that finish a day (aggregation, rollover), so a
 * settled day is final when it is read.
 */
import { kstDateOf } from "@trip/shared";

/** Long enough for an ingestion run that started before the snapshot to finish storing its step. */
export const LIVE_SLACK_MS = 5 * 60_000;

/** One record as a user could see it: a digest to compare, a short text to print, its KST day. */
export interface UserRecord {
  /** KST day the record belongs to (`YYYY-MM-DD`): settled before the snapshot's liveDay. */
  day: string;
  digest: string;
  /** What the record holds, short enough to print in a report. */
  shown: string;
  /** Epoch ms at which the store expires the record by itself (a TTL), if it does. */
  expiresAt?: number;
}

/** A group of records; `liveFrom` null means every record is settled (the reader already left the live part out). */
export interface UserDataSection {
  liveFrom: string | null;
  records: Record<string, UserRecord>;
}

export interface UserDataSnapshot {
  takenAt: string;
  cutoff: string;
  liveDay: string;
  /** The catalog currencies whose rates and aggregates are covered. */
  currencies: string[];
  /** Redis database of the ranking stores read. */
  redisDb: number;
  sections: Record<string, UserDataSection>;
}

export interface LiveBoundary {
  cutoff: Date;
  liveDay: string;
}

/** Where settled data ends for a snapshot taken at `takenAt`. */
export const liveBoundary = (takenAt: Date): LiveBoundary => {
  const cutoff = new Date(takenAt.getTime() - LIVE_SLACK_MS);
  return { cutoff, liveDay: kstDateOf(cutoff) };
};
