import { beforeAll, describe, expect, test } from "bun:test";
import { kstDatesBetween, kstDayRange, kstWeekday } from "@trip/shared";
import { mariadb } from "../support/stack.ts";
import {
  asAdmin,
  ingestor,
  setSandboxMode,
  sqlInstant,
  waitForIngestorReady,
  waitForProviderRecovered,
} from "./support/ingestion-stack.ts";

const CATALOG_FOREIGN_CURRENCIES = 29;

/**
 * "30 daily points", precisely: a backfill of N days covers the N KST calendar days ending yesterday; each
 * business day among them (Mon–Fri KST; the sandbox models no public holidays) gets exactly one row per
 * catalog currency from provider `frankfurter`, at 23:59:59.999 KST of that day. Weekends get none.
 */
const businessDaysBetween = (from: string, to: string) =>
  kstDatesBetween(from, to).filter((d) => kstWeekday(d) <= 5);

/** KST dates with a frankfurter close of `currency` in [from, to], and how many rows each has. */
const storedCloses = (currency: string, from: string, to: string) =>
  mariadb(
    `SELECT DATE(observed_at + INTERVAL 9 HOUR) AS kst_date, COUNT(*), MIN(TIME(observed_at + INTERVAL 9 HOUR))
     FROM exchange_rates
     WHERE currency = '${currency}' AND provider = 'frankfurter'
       AND observed_at >= '${sqlInstant(kstDayRange(from).start)}' AND observed_at < '${sqlInstant(kstDayRange(to).end)}'
     GROUP BY kst_date ORDER BY kst_date`,
  );

beforeAll(async () => {
  await waitForIngestorReady();
  await setSandboxMode("normal");
  await waitForProviderRecovered();
}, 200_000);

describe("POST /api/v1/ingest/backfill", () => {
  test("30 days: one close per currency for every business day of the 30 KST days ending yesterday", async () => {
    const { status, body } = await ingestor("/api/v1/ingest/backfill?days=30", asAdmin());
    expect(status).toBe(200);
    const { from, to, business_days, currencies, run } = body.data;
    expect(kstDatesBetween(from, to)).toHaveLength(30);
    const expected = businessDaysBetween(from, to);
    expect(business_days).toBe(expected.length);
    expect(currencies).toBe(CATALOG_FOREIGN_CURRENCIES);
    expect(run).toMatchObject({ trigger: "backfill", provider: "frankfurter" });
    expect(["succeeded", "unchanged"]).toContain(run.status);
    expect(run.inserted + run.skipped).toBe(expected.length * CATALOG_FOREIGN_CURRENCIES);

    for (const currency of ["USD", "JPY", "VND"]) {
      const closes = storedCloses(currency, from, to);
      expect(closes.map((row) => row[0])).toEqual(expected);
      expect(closes.every((row) => row[1] === "1" && row[2] === "23:59:59.999")).toBe(true);
    }
    const [[total] = []] = mariadb(
      `SELECT COUNT(*) FROM exchange_rates WHERE provider = 'frankfurter'
         AND observed_at >= '${sqlInstant(kstDayRange(from).start)}' AND observed_at < '${sqlInstant(kstDayRange(to).end)}'`,
    );
    expect(Number(total)).toBe(expected.length * CATALOG_FOREIGN_CURRENCIES);
  }, 60_000);

  test("a second backfill of the same range inserts nothing", async () => {
    const { status, body } = await ingestor("/api/v1/ingest/backfill?days=30", asAdmin());
    expect(status).toBe(200);
    expect(body.data.run).toMatchObject({ status: "unchanged", inserted: 0 });
    expect(body.data.run.skipped).toBe(body.data.business_days * CATALOG_FOREIGN_CURRENCIES);
  });

  test("days outside 1..3650 → 400", async () => {
    const { status, body } = await ingestor("/api/v1/ingest/backfill?days=0", asAdmin());
    expect(status).toBe(400);
    expect(body.error.code).toBe("DATA_VALIDATION_ERROR");
  });
});
