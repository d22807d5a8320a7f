import { describe, expect, test } from "bun:test";
import { isBusinessDay } from "../domain/kst-calendar.ts";
import { buildSandbox } from "../testing/sandbox-fixture.ts";

type DayBody = { amount: number; base: string; date: string; rates: Record<string, number> };
type SeriesBody = { start_date: string; end_date: string; rates: Record<string, Record<string, number>> };

const NOW = "2026-11-27T03:00:00Z";
const get = async <T>(path: string) => {
  const res = await buildSandbox(NOW).request(path);
  return { status: res.status, body: (await res.json()) as T };
};

describe("Frankfurter latest and historical", () => {
  test("latest is the last closed business day, ECB currencies only, base EUR by default", async () => {
    const { body } = await get<DayBody>("/v1/latest");
    expect(body.base).toBe("EUR");
    expect(body.date).toBe("2026-11-26");
    expect(body.rates.KRW).toBeGreaterThan(1000);
    expect(body.rates).not.toHaveProperty("VND");
    expect(body.rates).not.toHaveProperty("EUR");
  });

  test("symbols and amount narrow and scale the answer", async () => {
    const one = await get<DayBody>("/v1/latest?base=KRW&symbols=USD,JPY");
    const thousand = await get<DayBody>("/v1/latest?base=KRW&symbols=USD&amount=1000");
    expect(Object.keys(one.body.rates)).toEqual(["JPY", "USD"]);
    expect(thousand.body.rates.USD ?? 0).toBeCloseTo((one.body.rates.USD ?? 0) * 1000, 4);
  });

  test("a weekend date answers the Friday before", async () => {
    expect((await get<DayBody>("/v1/2026-11-22?base=KRW")).body.date).toBe("2026-11-20");
  });

  test("an unknown currency answers 404 not found", async () => {
    expect(await get("/v1/latest?base=XYZ")).toEqual({ status: 404, body: { message: "not found" } });
    expect((await get("/v1/latest?base=KRW&symbols=VND")).status).toBe(404);
  });
});

describe("Frankfurter time series (backfill)", () => {
  test("a 30-day range has one point per KST business day, for every known currency", async () => {
    const { status, body } = await get<SeriesBody>("/v1/2026-10-01..2026-10-30?base=KRW");
    expect(status).toBe(200);
    const dates = Object.keys(body.rates);
    expect(dates).toHaveLength(22);
    expect(dates.every(isBusinessDay)).toBe(true);
    expect(body.start_date).toBe("2026-10-01");
    expect(body.end_date).toBe("2026-10-30");
    expect(Object.keys(body.rates["2026-10-01"] ?? {})).toHaveLength(53);
    expect(body.rates["2026-10-01"]).toHaveProperty("VND");
  });

  test("a one-year backfill ends at the last closed business day", async () => {
    const { body } = await get<SeriesBody>("/v1/2025-11-27..2026-11-27?base=KRW&symbols=USD");
    expect(body.start_date).toBe("2025-11-27");
    expect(body.end_date).toBe("2026-11-26");
    expect(Object.keys(body.rates)).toHaveLength(261);
  });

  test("an open range runs to the last closed business day", async () => {
    const { body } = await get<SeriesBody>("/v1/2026-11-20..?base=KRW&symbols=USD");
    expect(Object.keys(body.rates)).toEqual([
      "2026-11-20",
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
    ]);
  });

  test("a series point equals the historical answer for that day", async () => {
    const series = await get<SeriesBody>("/v1/2026-11-02..2026-11-06?base=KRW&symbols=USD,JPY");
    const day = await get<DayBody>("/v1/2026-11-04?base=KRW&symbols=USD,JPY");
    expect(series.body.rates["2026-11-04"]).toEqual(day.body.rates);
  });

  test("a reversed or malformed range answers 404", async () => {
    expect((await get("/v1/2026-11-10..2026-11-01?base=KRW")).status).toBe(404);
    expect((await get("/v1/2026-13-01..?base=KRW")).status).toBe(404);
  });
});
