import { describe, expect, test } from "bun:test";
import { sampleBody, truncated } from "../../testing/provider-samples.ts";
import { ProviderError } from "../provider-snapshot.ts";
import { frankfurterSeriesPath, parseFrankfurterLatest, parseFrankfurterSeries } from "./frankfurter.ts";

const failureOf = (parse: () => unknown): ProviderError => {
  try {
    parse();
  } catch (err) {
    if (err instanceof ProviderError) return err;
    throw err;
  }
  throw new Error("expected a ProviderError");
};

// The time-series format of the README in shared/data: business days only, rates per 1 KRW.
const SERIES = JSON.stringify({
  amount: 1,
  base: "KRW",
  start_date: "2026-01-02",
  end_date: "2026-01-05",
  rates: {
    "2026-01-02": { USD: 0.00068034, JPY: 0.10786475 },
    "2026-01-05": { USD: 0.0006781, JPY: 0.1075 },
  },
});

describe("Frankfurter", () => {
  test("the latest sample: ECB currencies inverted, stored at the close of its date (23:59:59.999 KST)", () => {
    const snapshot = parseFrankfurterLatest(sampleBody("frankfurterLatest"));
    expect(snapshot.provider).toBe("frankfurter");
    expect(snapshot.observedAt.toISOString()).toBe("2026-11-26T14:59:59.999Z");
    expect(snapshot.quotes).toHaveLength(28);
    expect(snapshot.quotes.find((q) => q.providerCode === "USD")?.krwPerQuotedUnit).toBeCloseTo(
      1 / 0.00068034,
      6,
    );
  });

  test("rates are per `amount` KRW", () => {
    const sample = JSON.parse(sampleBody("frankfurterLatest"));
    const snapshot = parseFrankfurterLatest(
      JSON.stringify({ ...sample, amount: 100, rates: { USD: 0.068034 } }),
    );
    expect(snapshot.quotes[0]?.krwPerQuotedUnit).toBeCloseTo(1 / 0.00068034, 6);
  });

  test("a time series gives one snapshot per business day present, oldest first, at each day's close", () => {
    const days = parseFrankfurterSeries(SERIES, "2026-01-01", "2026-01-05");
    expect(days.map((d) => d.observedAt.toISOString())).toEqual([
      "2026-01-02T14:59:59.999Z",
      "2026-01-05T14:59:59.999Z",
    ]);
    expect(days[1]?.quotes.map((q) => q.providerCode)).toEqual(["USD", "JPY"]);
  });

  test("days outside the asked range are ignored", () => {
    expect(parseFrankfurterSeries(SERIES, "2026-01-03", "2026-01-10")).toHaveLength(1);
  });

  test("the not-found answer (error mode, bad range) is a provider error", () => {
    const err = failureOf(() => parseFrankfurterLatest('{"message":"not found"}'));
    expect(err.failure).toBe("provider-error");
    expect(
      failureOf(() => parseFrankfurterSeries('{"message":"not found"}', "2026-01-01", "2026-01-02")).failure,
    ).toBe("provider-error");
  });

  test("garbage, another base or a bad date key is malformed", () => {
    expect(failureOf(() => parseFrankfurterLatest(truncated(sampleBody("frankfurterLatest")))).failure).toBe(
      "malformed",
    );
    const sample = JSON.parse(sampleBody("frankfurterLatest"));
    expect(failureOf(() => parseFrankfurterLatest(JSON.stringify({ ...sample, base: "EUR" }))).failure).toBe(
      "malformed",
    );
    const badKey = JSON.stringify({ amount: 1, base: "KRW", rates: { yesterday: { USD: 0.0007 } } });
    expect(failureOf(() => parseFrankfurterSeries(badKey, "2026-01-01", "2026-01-02")).failure).toBe(
      "malformed",
    );
  });

  test("the empty mode (rates: {}) is an empty snapshot", () => {
    const sample = JSON.parse(sampleBody("frankfurterLatest"));
    expect(parseFrankfurterLatest(JSON.stringify({ ...sample, rates: {} })).quotes).toEqual([]);
  });

  test("the series path asks for KRW over the whole range", () => {
    expect(frankfurterSeriesPath("2025-11-27", "2026-11-26")).toBe("/v1/2025-11-27..2026-11-26?base=KRW");
  });
});
