/**
 * Compares two snapshots of user data (see model.ts). A difference is a settled record that changed,
 * appeared or went; live records (the schedules' own work) and records their store expired by TTL are
 * not differences. Pure.
 */
import type { UserDataSection, UserDataSnapshot, UserRecord } from "./model.ts";

export interface UserDataDifference {
  section: string;
  key: string;
  kind: "changed" | "added" | "removed";
  before?: string;
  after?: string;
}

const settled = (section: UserDataSection, record: UserRecord) =>
  section.liveFrom === null || record.day < section.liveFrom;

const compareSection = (
  name: string,
  before: UserDataSection,
  after: UserDataSection,
  nowMs: number,
): UserDataDifference[] => {
  const differences: UserDataDifference[] = [];
  const keys = new Set([...Object.keys(before.records), ...Object.keys(after.records)]);
  for (const key of [...keys].sort()) {
    const was = before.records[key];
    const is = after.records[key];
    if (was && is) {
      // Judged by what the record is now: a cumulative record moved on to a live day was updated by
      // the rollover of that day; the same change on a settled day was not.
      if (was.digest !== is.digest && settled(before, is)) {
        differences.push({ section: name, key, kind: "changed", before: was.shown, after: is.shown });
      }
    } else if (was) {
      const expired = was.expiresAt !== undefined && was.expiresAt <= nowMs;
      if (settled(before, was) && !expired) {
        differences.push({ section: name, key, kind: "removed", before: was.shown });
      }
    } else if (is && settled(before, is)) {
      differences.push({ section: name, key, kind: "added", after: is.shown });
    }
  }
  return differences;
};

/**
 * The settled records of `before` that `after` no longer holds as they were, and the settled records
 * `after` holds that `before` did not. `after` must have been read with `before`'s cutoff.
 */
export const compareUserData = (
  before: UserDataSnapshot,
  after: UserDataSnapshot,
  now: Date,
): UserDataDifference[] => {
  if (after.cutoff !== before.cutoff) {
    throw new Error(`snapshots drawn at different cutoffs: ${before.cutoff} and ${after.cutoff}`);
  }
  return Object.entries(before.sections).flatMap(([name, section]) => {
    const later = after.sections[name];
    if (!later) throw new Error(`the later snapshot has no section ${name}`);
    return compareSection(name, section, later, now.getTime());
  });
};

/** A report of the differences, at most `limit` of them in full. */
export const describeDifferences = (differences: readonly UserDataDifference[], limit = 40): string => {
  const lines = differences.slice(0, limit).map((d) => {
    const parts = [`${d.kind.padEnd(7)} ${d.section}: ${d.key}`];
    if (d.before !== undefined) parts.push(`    before: ${d.before}`);
    if (d.after !== undefined) parts.push(`    after:  ${d.after}`);
    return parts.join("\n");
  });
  if (differences.length > limit) lines.push(`… and ${differences.length - limit} more`);
  return lines.join("\n");
};

/** How many records each section compared (for the report of a clean run). */
export const countRecords = (snapshot: UserDataSnapshot): string =>
  Object.entries(snapshot.sections)
    .map(([name, section]) => `${name} ${Object.keys(section.records).length}`)
    .join(", ");
