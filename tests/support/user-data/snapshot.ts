/**
 * Takes a snapshot of the running stack's user data and checks a later state against it (issue 13: tests
 * and benchmarks never change what users see). Used by scripts/lib/user-data-snapshot.ts (the test
 * command) and bench/run-all.ts. Reads MariaDB and Redis with their command-line clients; the only calls
 * to the services are the two operator routes that finish a day (what the schedules would do anyway).
 */
import { FOREIGN_CURRENCY_CODES } from "@trip/shared";
import { STACK, secrets, waitFor } from "../stack.ts";
import { compareUserData, type UserDataDifference } from "./compare.ts";
import { readDailyStats, readExchangeRates, readUserSelections } from "./database-records.ts";
import { type LiveBoundary, liveBoundary, type UserDataSnapshot } from "./model.ts";
import { readRankingRecords } from "./ranking-records.ts";

export interface UserDataScope {
  /** Currencies whose rates and aggregates are covered; default the catalog's foreign currencies. */
  currencies?: readonly string[];
  /** Redis database of the ranking stores; default the stack's (0). */
  redisDb?: number;
}

/** Reads the user data settled at `boundary` (see model.ts). */
export const readUserData = (
  boundary: LiveBoundary,
  takenAt: Date,
  { currencies = FOREIGN_CURRENCY_CODES, redisDb = 0 }: UserDataScope = {},
): UserDataSnapshot => ({
  takenAt: takenAt.toISOString(),
  cutoff: boundary.cutoff.toISOString(),
  liveDay: boundary.liveDay,
  currencies: [...currencies],
  redisDb,
  sections: {
    exchange_rates: { liveFrom: null, records: readExchangeRates(currencies, boundary.cutoff) },
    daily_stats: { liveFrom: boundary.liveDay, records: readDailyStats(currencies) },
    user_selections: { liveFrom: boundary.liveDay, records: readUserSelections() },
    ranking: { liveFrom: boundary.liveDay, records: readRankingRecords(redisDb, takenAt.getTime()) },
  },
});

const adminPost = async (url: string) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${secrets()["admin-token"]}` },
    signal: AbortSignal.timeout(120_000),
  });
  // biome-ignore lint/suspicious/noExplicitAny: only `data.status` / `data.outcome` are read
  const body = (await res.json().catch(() => undefined)) as any;
  return { status: res.status, data: body?.data };
};

/**
 * Finishes what the schedules would finish on their own a little later — history's aggregation of the
 * stored rates, the ranking's rollover of finished days — so the days a snapshot calls settled are final.
 */
export const catchUpScheduledJobs = async (): Promise<void> => {
  await waitFor(
    "history's aggregation run (POST /api/v1/history/analysis/run)",
    async () => {
      const { status, data } = await adminPost(`${STACK.history}/api/v1/history/analysis/run`);
      return status === 200 && data?.status === "succeeded";
    },
    { timeoutMs: 180_000, intervalMs: 2000 },
  );
  await waitFor(
    "the ranking's rollover of finished days (POST /api/v1/rankings/admin/rollover)",
    async () => {
      const { status, data } = await adminPost(`${STACK.ranking}/api/v1/rankings/admin/rollover`);
      return status === 200 && data?.outcome === "done";
    },
    { timeoutMs: 60_000, intervalMs: 2000 },
  );
  // Selections of a day just archived reach history's user_selections as events, within moments.
  await Bun.sleep(3000);
};

/** Catches up the day-finishing jobs, then reads the user data as it is now. */
export const takeUserDataSnapshot = async (scope: UserDataScope = {}): Promise<UserDataSnapshot> => {
  await catchUpScheduledJobs();
  const takenAt = new Date();
  return readUserData(liveBoundary(takenAt), takenAt, scope);
};

/** The settled user data of `before` that is no longer as it was (empty: nothing a user sees changed). */
export const changedUserData = (before: UserDataSnapshot): UserDataDifference[] => {
  const now = new Date();
  const after = readUserData({ cutoff: new Date(before.cutoff), liveDay: before.liveDay }, now, {
    currencies: before.currencies,
    redisDb: before.redisDb,
  });
  return compareUserData(before, after, now);
};
