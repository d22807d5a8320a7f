/**
 * The cluster release's Redis as the cluster benchmark sees it: `redis-cli` inside its pod (the pod's own
 * REDISCLI_AUTH), to check that the release's ranking records (database 0) are what they were, and to
 * empty the benchmark's private database. Test tooling: the apps reach Redis only through their sidecars.
 */
import { kubectl, NAMESPACE } from "../../tests/cluster/support/cluster.ts";
import { compareUserData, type UserDataDifference } from "../../tests/support/user-data/compare.ts";
import { liveBoundary, type UserRecord } from "../../tests/support/user-data/model.ts";
import { readRankingRecordsWith } from "../../tests/support/user-data/ranking-records.ts";

const REDIS_POD = "redis-0";

/** Runs redis-cli on database `db` of the release's Redis; `input` goes to its stdin (a pipeline). */
export const releaseRedisCli = (db: number, args: string[], input?: string): string => {
  const { stdout } = kubectl(
    ["-n", NAMESPACE, "exec", ...(input === undefined ? [] : ["-i"]), REDIS_POD, "-c", "redis", "--"].concat([
      "redis-cli",
      "-n",
      String(db),
      ...args,
    ]),
    input === undefined ? {} : { stdin: input },
  );
  if (/^(ERR|WRONGTYPE|NOAUTH|NOPERM)\b/m.test(stdout)) {
    throw new Error(`redis-cli -n ${db} ${args.join(" ")}: ${stdout.slice(0, 300)}`);
  }
  return stdout;
};

export const scanKeys = (db: number, pattern: string): string[] =>
  releaseRedisCli(db, ["--scan", "--pattern", pattern])
    .split("\n")
    .filter((key) => key !== "");

export const keyCount = (db: number): number => Number(releaseRedisCli(db, ["DBSIZE"]).trim());

/** The ranking records of database `db`, read as the local check reads them. */
const readRecords = (db: number, nowMs: number): Record<string, UserRecord> =>
  readRankingRecordsWith((args, input) => releaseRedisCli(db, args, input), nowMs);

export interface ReleaseRankingSnapshot {
  takenAt: Date;
  cutoff: string;
  liveDay: string;
  keys: number;
  records: Record<string, UserRecord>;
}

/** The release's ranking records in database 0 now, with the line between settled and live days. */
export const takeReleaseRankingSnapshot = (): ReleaseRankingSnapshot => {
  const takenAt = new Date();
  const { cutoff, liveDay } = liveBoundary(takenAt);
  return {
    takenAt,
    cutoff: cutoff.toISOString(),
    liveDay,
    keys: keyCount(0),
    records: readRecords(0, takenAt.getTime()),
  };
};

/**
 * The release's settled ranking records that are no longer as they were (the release keeps counting its
 * own users' selections of the live day meanwhile, so only days before it are compared, as locally).
 */
export const changedReleaseRankings = (
  before: ReleaseRankingSnapshot,
): { differences: UserDataDifference[]; keysAfter: number } => {
  const now = new Date();
  const snapshot = (records: Record<string, UserRecord>, takenAt: Date) => ({
    takenAt: takenAt.toISOString(),
    cutoff: before.cutoff,
    liveDay: before.liveDay,
    currencies: [],
    redisDb: 0,
    sections: { ranking: { liveFrom: before.liveDay, records } },
  });
  const differences = compareUserData(
    snapshot(before.records, before.takenAt),
    snapshot(readRecords(0, now.getTime()), now),
    now,
  );
  return { differences, keysAfter: keyCount(0) };
};
