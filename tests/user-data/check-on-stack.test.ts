// The user-data check (scripts/lib/user-data-snapshot.ts) against the real MariaDB and Redis: it reads
// what is there and reports pollution of settled days, but not live writes. Its own data cannot be
// mistaken for users': currency XTS (ISO 4217's code reserved for testing, in no catalog) and ranking
// records in a Redis database no store uses; all of it is removed afterwards.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { addKstDays, kstDateOf, kstDayRange } from "@trip/shared";
import { mariadb, STACK, secrets } from "../support/stack.ts";
import { liveBoundary } from "../support/user-data/model.ts";
import { changedUserData, readUserData, type UserDataScope } from "../support/user-data/snapshot.ts";

const SCOPE: UserDataScope = {
  currencies: ["XTS"],
  redisDb: Number(process.env.USER_DATA_TEST_REDIS_DB ?? 14),
};
const PROVIDER = "user-data-it";
const today = kstDateOf(new Date());
const settledDay = addKstDays(today, -10);
const RECORDS = {
  archivedDay: `daily-selections||day:${settledDay}`,
  todaysTally: `daily-selections||tally:${today}:0`,
};

const redis = (...args: string[]) => {
  const proc = Bun.spawnSync(
    [
      "redis-cli",
      "-h",
      STACK.redis.host,
      "-p",
      String(STACK.redis.port),
      "-n",
      String(SCOPE.redisDb),
      ...args,
    ],
    {
      env: { ...process.env, REDISCLI_AUTH: secrets()["redis-password"] ?? "" },
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  if (proc.exitCode !== 0) throw new Error(`redis-cli ${args[0]}: ${proc.stderr.toString()}`);
};
const saveRecord = (key: string, value: unknown) =>
  redis("HSET", key, "data", JSON.stringify(value), "version", "1");

const sqlInstant = (at: Date) => at.toISOString().replace("T", " ").replace("Z", "");
const insertRate = (at: Date, rate: string) =>
  mariadb(
    `INSERT INTO exchange_rates (currency, base, rate, unit, provider, observed_at, collected_at, batch_id)
     VALUES ('XTS', 'KRW', '${rate}', 1, '${PROVIDER}', '${sqlInstant(at)}', UTC_TIMESTAMP(3), '${PROVIDER}')`,
  );
const noon = (day: string) => new Date(kstDayRange(day).start.getTime() + 12 * 3_600_000);

const removeTestData = () => {
  mariadb("DELETE FROM exchange_rates WHERE currency = 'XTS'");
  mariadb("DELETE FROM daily_stats WHERE currency = 'XTS'");
  redis("DEL", ...Object.values(RECORDS));
};

beforeAll(() => {
  removeTestData();
  insertRate(noon(settledDay), "1000.00000000");
  mariadb(
    `INSERT INTO daily_stats (currency, kst_date, open, high, low, close, avg, samples, first_at, last_at, updated_at)
     VALUES ('XTS', '${settledDay}', 1000, 1000, 1000, 1000, 1000, 1, '${sqlInstant(noon(settledDay))}',
       '${sqlInstant(noon(settledDay))}', UTC_TIMESTAMP(3))`,
  );
  saveRecord(RECORDS.archivedDay, { date: settledDay, total_selections: 3, countries: [] });
});
afterAll(removeTestData);

describe("the user-data check on the stack's MariaDB and Redis", () => {
  test("reports each settled record a test changes, adds or removes, and none of the live writes", () => {
    const takenAt = new Date();
    const before = readUserData(liveBoundary(takenAt), takenAt, SCOPE);
    expect(Object.keys(before.sections.exchange_rates?.records ?? {})).toEqual([
      `XTS ${settledDay} ${PROVIDER}`,
    ]);
    expect(Object.keys(before.sections.daily_stats?.records ?? {})).toEqual([`XTS ${settledDay}`]);
    expect(Object.keys(before.sections.ranking?.records ?? {})).toEqual([RECORDS.archivedDay]);
    expect(changedUserData(before)).toEqual([]);

    // Live: a rate observed now and today's tally, as the schedules write them.
    insertRate(new Date(), "1001.00000000");
    saveRecord(RECORDS.todaysTally, { date: today, shard: 0, counts: { JP: 1 } });
    expect(changedUserData(before)).toEqual([]);

    // Pollution: a settled rate rewritten, a backdated row on another settled day, the day's aggregate
    // and its archived ranking changed.
    mariadb(
      `UPDATE exchange_rates SET rate = '12480.00000000' WHERE currency = 'XTS' AND rate = '1000.00000000'`,
    );
    insertRate(noon(addKstDays(settledDay, -1)), "124.81000000");
    mariadb(`UPDATE daily_stats SET close = 12480 WHERE currency = 'XTS' AND kst_date = '${settledDay}'`);
    saveRecord(RECORDS.archivedDay, { date: settledDay, total_selections: 4, countries: [] });
    const changed = changedUserData(before);
    expect(changed.map(({ kind, section, key }) => `${kind} ${section} ${key}`)).toEqual([
      `added exchange_rates XTS ${addKstDays(settledDay, -1)} ${PROVIDER}`,
      `changed exchange_rates XTS ${settledDay} ${PROVIDER}`,
      `changed daily_stats XTS ${settledDay}`,
      `changed ranking ${RECORDS.archivedDay}`,
    ]);
    expect(changed[1]).toMatchObject({ before: "1 rows, rate 1000.00000000..1000.00000000" });
    expect(changed[1]?.after).toContain("rate 12480.00000000..12480.00000000");
  });
});
