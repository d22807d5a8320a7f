import { describe, expect, test } from "bun:test";
import { buildSandbox, EXIMBANK_PATH, readSample, typeSignature } from "./testing/sandbox-fixture.ts";

/** A sandbox "now" far from the reference date, so the walk has moved the rates. */
const NOW = "2026-11-27T03:00:00Z";
const json = async (path: string, now = NOW) => (await buildSandbox(now).request(path)).json();

describe("answers have the recorded providers' exact shape", () => {
  test("ExchangeRate-API latest: same keys in the same order, same value types, same currencies", async () => {
    const sample = readSample("exchangerate-api-v6-latest-KRW.json") as { rates: object };
    const live = (await json("/v6/latest/KRW")) as { rates: object };
    expect(typeSignature(live)).toEqual(typeSignature(sample));
    expect(Object.keys(live.rates)).toEqual(Object.keys(sample.rates));
    expect(Object.values(live.rates).every((rate) => typeof rate === "number" && rate > 0)).toBe(true);
  });

  test("ExchangeRate-API error: same keys and types", async () => {
    const live = await json("/v6/latest/KRW?__mode=error");
    expect(typeSignature(live)).toEqual(typeSignature(readSample("exchangerate-api-v6-error.json")));
  });

  test("Eximbank AP01 business day: same row keys and types, same units, Eximbank number strings", async () => {
    const sample = readSample("koreaexim-ap01-business-day.json") as object[];
    const live = (await json(`${EXIMBANK_PATH}?authkey=k&searchdate=20261127&data=AP01`)) as object[];
    expect(live.map((row) => typeSignature(row))).toEqual(sample.map((row) => typeSignature(row)));
    const units = (rows: object[]) => rows.map((row) => (row as { cur_unit: string }).cur_unit);
    expect(units(live)).toEqual(units(sample));
    for (const row of live as Record<string, unknown>[]) {
      for (const key of ["ttb", "tts", "deal_bas_r", "bkpr", "kftc_bkpr", "kftc_deal_bas_r"]) {
        expect(row[key]).toMatch(/^\d{1,3}(,\d{3})*(\.\d{1,2})?$/);
      }
    }
  });

  test("Eximbank AP01 non-business day and auth error match the samples", async () => {
    expect(await json(`${EXIMBANK_PATH}?authkey=k&searchdate=20261128&data=AP01`)).toEqual(
      readSample("koreaexim-ap01-non-business-day.json"),
    );
    expect(await json(`${EXIMBANK_PATH}?data=AP01`)).toEqual(readSample("koreaexim-ap01-auth-error.json"));
  });

  test("Frankfurter latest: same keys, types and ECB currencies", async () => {
    const sample = readSample("frankfurter-v1-latest-KRW.json") as { rates: object };
    const live = (await json("/v1/latest?base=KRW")) as { rates: object };
    expect(typeSignature(live)).toEqual(typeSignature(sample));
    expect(Object.keys(live.rates)).toEqual(Object.keys(sample.rates));
  });
});

describe("at the reference date the sandbox reproduces the samples' values exactly", () => {
  test("Eximbank AP01 for 2026-01-01", async () => {
    const live = await json(`${EXIMBANK_PATH}?authkey=k&searchdate=20260101&data=AP01`);
    expect(live).toEqual(readSample("koreaexim-ap01-business-day.json"));
  });

  test("ExchangeRate-API at the first step after the reference close", async () => {
    const live = (await json("/v6/latest/KRW?at=2026-01-01T15:00:00Z")) as { rates: object };
    expect(live.rates).toEqual(
      (readSample("exchangerate-api-v6-latest-KRW.json") as { rates: object }).rates,
    );
  });

  test("Frankfurter for 2026-01-01", async () => {
    const live = (await json("/v1/2026-01-01?base=KRW")) as { rates: object };
    expect(live.rates).toEqual((readSample("frankfurter-v1-latest-KRW.json") as { rates: object }).rates);
  });
});
