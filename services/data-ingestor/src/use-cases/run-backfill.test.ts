import { describe, expect, test } from "bun:test";
import type { ProviderSnapshot } from "../domain/provider-snapshot.ts";
import { fakeIngestion, quotesOf } from "../testing/fakes.ts";
import { runBackfill } from "./run-backfill.ts";

const day = (isoClose: string, rates: Record<string, number>): ProviderSnapshot => ({
  provider: "frankfurter",
  observedAt: new Date(isoClose),
  quotes: quotesOf(rates),
});

const SERIES = [
  day("2026-11-24T14:59:59.999Z", { USD: 1460, EUR: 1700, KRW: 1 }),
  day("2026-11-25T14:59:59.999Z", { USD: 1465, EUR: 1701 }),
  day("2026-11-26T14:59:59.999Z", { USD: 1469.85, EUR: 1705.32 }),
];

describe("runBackfill", () => {
  test("one row per currency per business day, at each day's close, and a succeeded run", async () => {
    const setup = fakeIngestion("2026-11-27T03:00:00Z");
    setup.series.series = SERIES;
    const outcome = await runBackfill(setup.deps, 3);
    expect(outcome).toMatchObject({ from: "2026-11-24", to: "2026-11-26", businessDays: 3, currencies: 2 });
    expect(outcome.run).toMatchObject({
      trigger: "backfill",
      provider: "frankfurter",
      status: "succeeded",
      inserted: 6,
    });
    const closes = [...setup.rates.rows.values()]
      .filter((r) => r.code === "USD")
      .map((r) => r.observedAt.toISOString());
    expect(closes).toEqual(SERIES.map((d) => d.observedAt.toISOString()));
  });

  test("a second backfill of the same range inserts nothing", async () => {
    const setup = fakeIngestion("2026-11-27T03:00:00Z");
    setup.series.series = SERIES;
    await runBackfill(setup.deps, 3);
    const again = await runBackfill(setup.deps, 3);
    expect(again.run).toMatchObject({ status: "unchanged", inserted: 0, skipped: 6 });
  });

  test("it neither writes the latest-rate cache nor publishes", async () => {
    const setup = fakeIngestion("2026-11-27T03:00:00Z");
    setup.series.series = SERIES;
    await runBackfill(setup.deps, 3);
    expect(setup.cache.writes).toBe(0);
    expect(setup.events.published).toEqual([]);
  });

  test("the jump band compares each day with the previous day of the series", async () => {
    const setup = fakeIngestion("2026-11-27T03:00:00Z");
    setup.series.series = [
      day("2026-11-24T14:59:59.999Z", { USD: 1460 }),
      day("2026-11-25T14:59:59.999Z", { USD: 14650 }),
      day("2026-11-26T14:59:59.999Z", { USD: 1469.85 }),
    ];
    const outcome = await runBackfill(setup.deps, 3);
    expect(outcome.run).toMatchObject({ inserted: 2, rejected: 1 });
  });

  test("a failing time series is a failed backfill that stores nothing", async () => {
    const setup = fakeIngestion("2026-11-27T03:00:00Z");
    setup.series.dailySeries = async () => {
      throw new Error("boom");
    };
    const outcome = await runBackfill(setup.deps, 30);
    expect(outcome.run.status).toBe("failed");
    expect(setup.rates.rows.size).toBe(0);
  });
});
