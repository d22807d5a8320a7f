import { describe, expect, test } from "bun:test";
import { getJson, mariadb, STACK } from "../support/stack.ts";
import {
  addDays,
  backfillYear,
  dayAggregateOf,
  kstDate,
  rawDailyAggregates,
  runAnalysisNow,
  tokens,
} from "./support/history-stack.ts";

const storedDailyStats = (currency: string, first: string, last: string) =>
  mariadb(
    `SELECT DATE_FORMAT(kst_date, '%Y-%m-%d'), open, high, low, close, avg, samples FROM daily_stats
     WHERE currency = '${currency}' AND kst_date BETWEEN '${first}' AND '${last}' ORDER BY kst_date`,
  ).map(dayAggregateOf);

describe("cron-analysis maintains daily_stats", () => {
  test("after the job, daily_stats equals a direct aggregation of the raw rows", async () => {
    await backfillYear();
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
      // Everything exact except the mean, which daily_stats keeps to the column's 8 decimals.
      const exact = ({ average: _average, ...rest }: (typeof expected)[number]) => rest;
      expect({ currency, rows: stored.map(exact) }).toEqual({ currency, rows: expected.map(exact) });
      stored.forEach((row, i) => {
        expect(row.average).toBeCloseTo(expected[i]?.average as number, 8);
      });
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
