import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { FOREIGN_CURRENCY_CODES, kstDatesBetween, kstDayRange, kstWeekday } from "@trip/shared";
import { getJson, mariadb, STACK } from "../support/stack.ts";
import {
  addDays,
  type BackfillAnswer,
  backfillYear,
  type DayAggregate,
  dayAggregateOf,
  kstDate,
  rawDailyAggregates,
  runAnalysisNow,
  sqlInstant,
  tokens,
} from "./support/history-stack.ts";

const storedDailyStats = (currency: string, first: string, last: string) =>
  mariadb(
    `SELECT DATE_FORMAT(kst_date, '%Y-%m-%d'), open, high, low, close, avg, samples FROM daily_stats
     WHERE currency = '${currency}' AND kst_date BETWEEN '${first}' AND '${last}' ORDER BY kst_date`,
  ).map(dayAggregateOf);

/** Everything exact except the mean, which daily_stats keeps to the column's 8 decimals. */
const expectSameDays = (currency: string, stored: DayAggregate[], expected: DayAggregate[]) => {
  const exact = ({ average: _average, ...rest }: DayAggregate) => rest;
  expect({ currency, rows: stored.map(exact) }).toEqual({ currency, rows: expected.map(exact) });
  stored.forEach((row, i) => {
    expect(row.average).toBeCloseTo(expected[i]?.average as number, 8);
  });
};

// The one 365-day backfill of this file; the tests below read what it stored.
let backfill: BackfillAnswer;
beforeAll(async () => {
  backfill = await backfillYear();
}, 180_000);

describe("POST /api/v1/ingest/backfill?days=365 (this suite's setup)", () => {
  test("one call (answered 200: backfillYear returns only such a call) leaves one frankfurter close per catalog currency for every business day of the 365 KST days ending yesterday", () => {
    const { data, timestamp } = backfill;
    const { from, to, business_days, currencies, run } = data;
    expect(to).toBe(addDays(kstDate(new Date(timestamp)), -1));
    expect(kstDatesBetween(from, to)).toHaveLength(365);
    // Business days: Mon–Fri KST (the sandbox models no public holidays); each close at 23:59:59.999 KST.
    const businessDays = kstDatesBetween(from, to).filter((d) => kstWeekday(d) <= 5);
    expect(business_days).toBe(businessDays.length);
    expect(currencies).toBe(FOREIGN_CURRENCY_CODES.length);
    expect(run).toMatchObject({ trigger: "backfill", provider: "frankfurter", rejected: 0 });
    expect(["succeeded", "unchanged"]).toContain(run.status);
    // This call alone covered the whole range: every close was either inserted by it or already there.
    expect(run.inserted + run.skipped).toBe(businessDays.length * FOREIGN_CURRENCY_CODES.length);
    expect(
      mariadb(`SELECT status, inserted, skipped FROM ingest_runs WHERE run_id = '${run.run_id}'`),
    ).toEqual([[run.status, String(run.inserted), String(run.skipped)]]);

    const stored = mariadb(
      `SELECT currency, DATE_FORMAT(observed_at + INTERVAL 9 HOUR, '%Y-%m-%d') AS d, COUNT(*),
         MIN(TIME(observed_at + INTERVAL 9 HOUR)), MAX(TIME(observed_at + INTERVAL 9 HOUR))
       FROM exchange_rates
       WHERE provider = 'frankfurter' AND observed_at >= '${sqlInstant(kstDayRange(from).start)}'
         AND observed_at < '${sqlInstant(kstDayRange(to).end)}'
       GROUP BY currency, d`,
    );
    const notOneClose = stored.filter(
      ([, , n, first, last]) => n !== "1" || first !== "23:59:59.999" || last !== first,
    );
    expect(notOneClose).toEqual([]);
    const daysOf = new Map<string, Set<string>>();
    for (const [currency, day] of stored) {
      daysOf.set(currency as string, (daysOf.get(currency as string) ?? new Set()).add(day as string));
    }
    const catalog = new Set<string>(FOREIGN_CURRENCY_CODES);
    const gaps = [...new Set([...catalog, ...daysOf.keys()])].flatMap((currency) => {
      const days = daysOf.get(currency) ?? new Set<string>();
      const wanted = new Set(catalog.has(currency) ? businessDays : []);
      const missing = [...wanted].filter((d) => !days.has(d));
      const extra = [...days].filter((d) => !wanted.has(d));
      return missing.length + extra.length > 0 ? [{ currency, missing, extra }] : [];
    });
    expect(gaps).toEqual([]);
  });
});

describe("cron-analysis maintains daily_stats", () => {
  test("after the job, daily_stats equals a direct aggregation of the raw rows", async () => {
    const run = await runAnalysisNow();
    expect(run.to_id).toBeGreaterThan(0);
    const today = kstDate(new Date());
    for (const currency of ["USD", "JPY", "EUR"]) {
      // Finished days only: today's row keeps changing with every 2-minute ingestion.
      const first = addDays(today, -400);
      const last = addDays(today, -1);
      const expected = rawDailyAggregates(currency, first, last);
      const stored = storedDailyStats(currency, first, last);
      expect(expected.length).toBeGreaterThan(200);
      expectSameDays(currency, stored, expected);
    }
  }, 180_000);

  test("two ticks in the same hour (two replicas' sidecars) run the job once", async () => {
    const tick = () =>
      getJson(`${STACK.history}/cron-analysis`, {
        method: "POST",
        headers: { "dapr-api-token": tokens().app },
      });
    let key = "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = `hourly:${new Date().toISOString().slice(0, 13)}`;
      const [a, b] = [await tick(), await tick()];
      expect([a.status, b.status]).toEqual([200, 200]);
      if (`hourly:${new Date().toISOString().slice(0, 13)}` === before) {
        key = before;
        break;
      }
    }
    const rows = mariadb(`SELECT status FROM analysis_runs WHERE run_key = '${key}'`);
    expect(rows).toHaveLength(1);
    expect(["running", "succeeded"]).toContain(rows[0]?.[0] as string);
  }, 60_000);

  test("the cron route answers only the sidecar", async () => {
    const res = await getJson(`${STACK.history}/cron-analysis`, { method: "POST" });
    expect(res.status).toBe(401);
  });
});

describe("late data corrects its day", () => {
  // Rows nobody else reads or writes: XTS is ISO 4217's code "reserved for testing" — no catalog
  // currency, so no user ever sees them — and they are removed afterwards, with their daily_stats row.
  const CURRENCY = "XTS";
  const PROVIDER = "history-it-late";
  const today = kstDate(new Date());
  // A finished day well before any live ingestion of this run.
  const day = addDays(today, -7);
  const insertRate = (rate: string, hour: number, minute: number, second: number, ms: number) => {
    const at = new Date(kstDayRange(day).start.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + ms);
    mariadb(
      `INSERT INTO exchange_rates (currency, base, rate, unit, provider, observed_at, collected_at, batch_id)
       VALUES ('${CURRENCY}', 'KRW', '${rate}', 1, '${PROVIDER}', '${sqlInstant(at)}', UTC_TIMESTAMP(3),
         '${PROVIDER}-${day}')`,
    );
  };
  const removeTestRows = () => {
    mariadb(`DELETE FROM exchange_rates WHERE currency = '${CURRENCY}'`);
    mariadb(`DELETE FROM daily_stats WHERE currency = '${CURRENCY}'`);
  };

  beforeAll(removeTestRows);
  afterAll(removeTestRows);

  test("a row stored late for a finished day: the next run makes that day equal a direct aggregation again, and a rerun changes nothing", async () => {
    // The day as first stored: three samples, aggregated by a run.
    insertRate("1000.50000000", 9, 0, 0, 0);
    insertRate("1002.25000000", 13, 0, 0, 0);
    insertRate("1001.00000000", 17, 30, 0, 0);
    await runAnalysisNow();
    const before = storedDailyStats(CURRENCY, day, day);
    expect(before).toHaveLength(1);
    expectSameDays(CURRENCY, before, rawDailyAggregates(CURRENCY, day, day));

    // Above the day's high, at 12:34:56.789 KST: it becomes the day's high and one more sample.
    const lateRate = ((before[0]?.high as number) * 1.01).toFixed(8);
    insertRate(lateRate, 12, 34, 56, 789);

    const run = await runAnalysisNow();
    expect(run.days_updated).toBeGreaterThan(0);
    const after = storedDailyStats(CURRENCY, day, day);
    const expected = rawDailyAggregates(CURRENCY, day, day);
    expect(expected[0]?.samples).toBe((before[0]?.samples as number) + 1);
    expectSameDays(CURRENCY, after, expected);
    expect(after[0]?.high).toBe(Number(lateRate));
    expect(after[0]?.samples).toBe((before[0]?.samples as number) + 1);

    // Idempotent: a rerun re-reads the ids just below its watermark (the late row's among them, unless
    // more than RESCAN_IDS ids were taken meanwhile) and upserts the same aggregate.
    await runAnalysisNow();
    expect(storedDailyStats(CURRENCY, day, day)).toEqual(after);
  }, 120_000);
});
