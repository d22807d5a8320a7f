import { describe, expect, test } from "bun:test";
import { sampleBody, truncated } from "../../testing/provider-samples.ts";
import { cleanQuotes } from "../clean-quotes.ts";
import { ProviderError } from "../provider-snapshot.ts";
import { eximbankAp01Path, parseEximbankAp01 } from "./eximbank-ap01.ts";

const DATE = "2026-11-27";
const failureOf = (body: string): ProviderError => {
  try {
    parseEximbankAp01(body, DATE);
  } catch (err) {
    if (err instanceof ProviderError) return err;
    throw err;
  }
  throw new Error("expected a ProviderError");
};
const errorRow = (result: number) =>
  JSON.stringify([{ result, cur_unit: null, ttb: null, tts: null, deal_bas_r: null, cur_nm: null }]);

describe("Korea Eximbank AP01", () => {
  test("the business-day sample: string numbers with separators, stored at 11:00 KST of the search date", () => {
    const snapshot = parseEximbankAp01(sampleBody("eximbankBusinessDay"), DATE);
    expect(snapshot.provider).toBe("eximbank");
    expect(snapshot.observedAt.toISOString()).toBe("2026-11-27T02:00:00.000Z");
    const bhd = snapshot.quotes.find((q) => q.providerCode === "BHD");
    expect(bhd).toEqual({ providerCode: "BHD", krwPerQuotedUnit: 3898.81, tts: 3937.79, ttb: 3859.82 });
    expect(snapshot.quotes.map((q) => q.providerCode)).toContain("JPY(100)");
  });

  test("after cleaning: CNH becomes CNY, JPY(100) per 1 unit, KRW and non-catalog rows ignored", () => {
    const { accepted, ignored } = cleanQuotes(
      parseEximbankAp01(sampleBody("eximbankBusinessDay"), DATE).quotes,
      {
        bandPercent: 10,
        lastRates: new Map(),
      },
    );
    const byCode = new Map(accepted.map((r) => [r.code, r]));
    expect(byCode.get("CNY")?.rate).toBe(211.1);
    const jpy = byCode.get("JPY");
    expect(jpy?.unit).toBe(100);
    expect(jpy?.rate).toBeLessThan(20);
    expect(jpy?.tts).toBeGreaterThan(jpy?.rate ?? Number.POSITIVE_INFINITY);
    expect(ignored).toEqual(expect.arrayContaining(["KRW", "BHD", "BND", "KWD", "SAR"]));
    expect(accepted.every((r) => r.code !== "KRW")).toBe(true);
  });

  test("the non-business-day sample ([]) is an empty snapshot, not an error", () => {
    expect(parseEximbankAp01(sampleBody("eximbankNonBusinessDay"), "2026-11-28").quotes).toEqual([]);
  });

  test("null instead of [] is an empty snapshot too", () => {
    expect(parseEximbankAp01("null", DATE).quotes).toEqual([]);
  });

  test("the auth-error sample (result 3) is a provider error", () => {
    const err = failureOf(sampleBody("eximbankAuthError"));
    expect(err.failure).toBe("provider-error");
    expect(err.message).toContain("authentication error (result 3)");
  });

  test.each([
    [2, "data code error"],
    [4, "daily request limit reached"],
  ])("result %p is a provider error (%s)", (result, meaning) => {
    expect(failureOf(errorRow(result)).message).toContain(meaning);
  });

  test("a body cut in half, an object instead of an array, or rows without result are malformed", () => {
    expect(failureOf(truncated(sampleBody("eximbankBusinessDay"))).failure).toBe("malformed");
    expect(failureOf('{"result":1}').failure).toBe("malformed");
    expect(failureOf('[{"cur_unit":"USD","deal_bas_r":"1,400"}]').failure).toBe("malformed");
  });

  test("the request path carries the key, the compact date and AP01", () => {
    expect(eximbankAp01Path("k e/y", DATE)).toBe(
      "/site/program/financial/exchangeJSON?authkey=k+e%2Fy&searchdate=20261127&data=AP01",
    );
  });
});
