// The comparison behind "check: user data unchanged" (scripts/lib/user-data-snapshot.ts), on snapshots
// written by hand: what a polluting test or benchmark leaves is reported, what the schedules do is not.
import { describe, expect, test } from "bun:test";
import { compareUserData, describeDifferences } from "../support/user-data/compare.ts";
import { liveBoundary, type UserDataSnapshot, type UserRecord } from "../support/user-data/model.ts";
import { rankingRecordDay } from "../support/user-data/ranking-records.ts";

// Snapshot at 10:00 KST on 2026-11-27: rates before 09:55 KST are settled, days before 2026-11-27 too.
const takenAt = new Date("2026-11-27T01:00:00Z");
const { cutoff, liveDay } = liveBoundary(takenAt);
const later = new Date("2026-11-27T01:30:00Z");

const record = (day: string, digest: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  day,
  digest,
  shown: digest,
  ...extra,
});

const snapshot = (sections: Record<string, Record<string, UserRecord>>): UserDataSnapshot => ({
  takenAt: takenAt.toISOString(),
  cutoff: cutoff.toISOString(),
  liveDay,
  currencies: ["USD", "JPY"],
  redisDb: 0,
  sections: {
    exchange_rates: { liveFrom: null, records: sections.exchange_rates ?? {} },
    daily_stats: { liveFrom: liveDay, records: sections.daily_stats ?? {} },
    ranking: { liveFrom: liveDay, records: sections.ranking ?? {} },
  },
});

const before = snapshot({
  exchange_rates: {
    "JPY 2026-11-26 frankfurter": record("2026-11-26", "close 9.31"),
    "JPY 2026-11-27 exchangerate-api": record("2026-11-27", "295 rows until 09:54"),
  },
  daily_stats: {
    "JPY 2026-11-26": record("2026-11-26", "close 9.31"),
    "JPY 2026-11-27": record("2026-11-27", "close 9.30 samples 295"),
  },
  ranking: {
    "daily-selections||day:2026-11-26": record("2026-11-26", "JP 12, TH 7"),
    "daily-selections||tally:2026-11-27:3": record("2026-11-27", "JP 2"),
    "country-stats||country:JP": record("2026-11-26", "total 812"),
    "daily-selections||selection:old": record("2026-08-29", "JP", { expiresAt: later.getTime() - 1 }),
  },
});

describe("a snapshot taken at 10:00 KST", () => {
  test("settles rates observed before 09:55 KST and every day before that one", () => {
    expect(cutoff.toISOString()).toBe("2026-11-27T00:55:00.000Z");
    expect(liveDay).toBe("2026-11-27");
  });

  test("five minutes after KST midnight the day just ended is still live (its rollover may be running)", () => {
    expect(liveBoundary(new Date("2026-11-27T15:04:00Z")).liveDay).toBe("2026-11-27");
    expect(liveBoundary(new Date("2026-11-27T15:06:00Z")).liveDay).toBe("2026-11-28");
  });
});

describe("compareUserData", () => {
  test("what the schedules do is no difference: new rates after the cutoff, today's aggregate and tally, a rollover's totals, an expired record", () => {
    const after = snapshot({
      exchange_rates: before.sections.exchange_rates?.records ?? {},
      daily_stats: {
        "JPY 2026-11-26": record("2026-11-26", "close 9.31"),
        "JPY 2026-11-27": record("2026-11-27", "close 9.29 samples 310"),
        "JPY 2026-11-28": record("2026-11-28", "close 9.33 samples 4"),
      },
      ranking: {
        "daily-selections||day:2026-11-26": record("2026-11-26", "JP 12, TH 7"),
        "daily-selections||tally:2026-11-27:3": record("2026-11-27", "JP 40"),
        "daily-selections||day:2026-11-27": record("2026-11-27", "JP 40"),
        "country-stats||country:JP": record("2026-11-27", "total 852"),
        "daily-selections||selection:new": record("2026-11-27", "JP"),
      },
    });
    expect(compareUserData(before, after, later)).toEqual([]);
  });

  test("a polluted stack is reported record by record: bench rows on a past day, a rewritten aggregate, a rate row gone, a past day's ranking changed", () => {
    const after = snapshot({
      exchange_rates: {
        "JPY 2026-11-26 frankfurter": record("2026-11-26", "close 9.31"),
        "JPY 2026-11-26 bench": record("2026-11-26", "720 rows, rate 120.1..121.7"),
      },
      daily_stats: {
        "JPY 2026-11-26": record("2026-11-26", "close 121.02"),
        "JPY 2026-11-27": record("2026-11-27", "close 9.29 samples 310"),
      },
      ranking: {
        "daily-selections||day:2026-11-26": record("2026-11-26", "JP 13, TH 7"),
        "daily-selections||tally:2026-11-27:3": record("2026-11-27", "JP 2"),
        "country-stats||country:JP": record("2026-11-26", "total 999"),
        "daily-selections||selection:backdated": record("2026-11-20", "JP"),
      },
    });
    const differences = compareUserData(before, after, later);
    expect(differences.map(({ section, key, kind }) => `${kind} ${section} ${key}`)).toEqual([
      "added exchange_rates JPY 2026-11-26 bench",
      "removed exchange_rates JPY 2026-11-27 exchangerate-api",
      "changed daily_stats JPY 2026-11-26",
      "changed ranking country-stats||country:JP",
      "changed ranking daily-selections||day:2026-11-26",
      "added ranking daily-selections||selection:backdated",
    ]);
    expect(differences[2]).toMatchObject({ before: "close 9.31", after: "close 121.02" });
    const report = describeDifferences(differences);
    expect(report).toContain(
      "changed daily_stats: JPY 2026-11-26\n    before: close 9.31\n    after:  close 121.02",
    );
  });

  test("a settled record that is gone before its TTL ran out is reported", () => {
    const after = snapshot({
      exchange_rates: before.sections.exchange_rates?.records ?? {},
      daily_stats: before.sections.daily_stats?.records ?? {},
      ranking: {
        "daily-selections||day:2026-11-26": record("2026-11-26", "JP 12, TH 7"),
        "country-stats||country:JP": record("2026-11-26", "total 812"),
      },
    });
    const beforeItsTtl = new Date(later.getTime() - 60_000);
    expect(compareUserData(before, after, beforeItsTtl).map((d) => `${d.kind} ${d.key}`)).toEqual([
      "removed daily-selections||selection:old",
    ]);
    expect(compareUserData(before, after, later)).toEqual([]);
  });

  test("snapshots drawn at different cutoffs cannot be compared", () => {
    const other = { ...before, cutoff: takenAt.toISOString() };
    expect(() => compareUserData(before, other, later)).toThrow(/different cutoffs/);
  });
});

describe("rankingRecordDay", () => {
  test("log, tally and archived day keys carry their date", () => {
    expect(rankingRecordDay("daily-selections||log:2026-11-26:3:17", "{}")).toBe("2026-11-26");
    expect(rankingRecordDay("daily-selections||tally:2026-11-26:0", "{}")).toBe("2026-11-26");
    expect(rankingRecordDay("daily-selections||day:2026-11-26", "{}")).toBe("2026-11-26");
  });

  test("selection records, country totals and the rollover state carry theirs in the value", () => {
    expect(rankingRecordDay("daily-selections||selection:a1", '{"date":"2026-11-25"}')).toBe("2026-11-25");
    expect(rankingRecordDay("country-stats||country:JP", '{"through":"2026-11-24"}')).toBe("2026-11-24");
    expect(rankingRecordDay("country-stats||rollover", '{"last_archived":"2026-11-23"}')).toBe("2026-11-23");
  });

  test("a record of an unknown shape is settled from the start, so any change to it is reported", () => {
    expect(rankingRecordDay("country-stats||something-new", '{"x":1}')).toBe("0000-00-00");
  });
});
