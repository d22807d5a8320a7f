import { describe, expect, test } from "bun:test";
import { sampleBody, truncated } from "../../testing/provider-samples.ts";
import { cleanQuotes } from "../clean-quotes.ts";
import { ProviderError } from "../provider-snapshot.ts";
import { parseExchangeRateApiLatest } from "./exchangerate-api.ts";

const failureOf = (body: string): ProviderError => {
  try {
    parseExchangeRateApiLatest(body);
  } catch (err) {
    if (err instanceof ProviderError) return err;
    throw err;
  }
  throw new Error("expected a ProviderError");
};

describe("ExchangeRate-API open access (/v6/latest/KRW)", () => {
  test("the recorded sample: every currency inverted to KRW per unit, at time_last_update_unix", () => {
    const snapshot = parseExchangeRateApiLatest(sampleBody("exchangeRateApiLatest"));
    expect(snapshot.provider).toBe("exchangerate-api");
    // The sample's `time_last_update_utc` text says 27 Nov, its unix field 30 Nov: the unix field is the one read.
    expect(snapshot.observedAt.getTime()).toBe(1795996801 * 1000);
    expect(snapshot.quotes).toHaveLength(54);
    const usd = snapshot.quotes.find((q) => q.providerCode === "USD");
    expect(usd?.krwPerQuotedUnit).toBeCloseTo(1 / 0.0006803415, 6);
    expect(usd?.tts).toBeNull();
  });

  test("after cleaning, the sample gives all 29 catalog currencies with JPY and IDR per 1 unit", () => {
    const { accepted } = cleanQuotes(parseExchangeRateApiLatest(sampleBody("exchangeRateApiLatest")).quotes, {
      bandPercent: 10,
      lastRates: new Map(),
    });
    expect(accepted).toHaveLength(29);
    const byCode = new Map(accepted.map((r) => [r.code, r]));
    expect(byCode.get("USD")?.rate).toBeCloseTo(1469.85, 3);
    expect(byCode.get("JPY")?.unit).toBe(100);
    expect(byCode.get("JPY")?.rate).toBeCloseTo(1 / 0.1078647481, 7);
    expect(byCode.get("IDR")?.rate).toBeCloseTo(0.08705, 5);
  });

  test("the error sample is a provider error naming its error-type", () => {
    const err = failureOf(sampleBody("exchangeRateApiError"));
    expect(err.failure).toBe("provider-error");
    expect(err.message).toContain("unsupported-code");
  });

  test("invalid-key (the sandbox's error mode) is a provider error too", () => {
    expect(failureOf('{"result":"error","error-type":"invalid-key"}').message).toContain("invalid-key");
  });

  test("a body cut in half is malformed", () => {
    expect(failureOf(truncated(sampleBody("exchangeRateApiLatest"))).failure).toBe("malformed");
  });

  test("another base currency or a missing timestamp is malformed", () => {
    const sample = JSON.parse(sampleBody("exchangeRateApiLatest"));
    expect(failureOf(JSON.stringify({ ...sample, base_code: "USD" })).failure).toBe("malformed");
    expect(failureOf(JSON.stringify({ ...sample, time_last_update_unix: undefined })).failure).toBe(
      "malformed",
    );
  });

  test("an HTML error page or an empty body is malformed, never a crash", () => {
    expect(failureOf("<html>502 Bad Gateway</html>").failure).toBe("malformed");
    expect(failureOf("").failure).toBe("malformed");
  });

  test("an empty rates object is an empty snapshot; a non-numeric rate becomes NaN for cleaning to drop", () => {
    const sample = JSON.parse(sampleBody("exchangeRateApiLatest"));
    expect(parseExchangeRateApiLatest(JSON.stringify({ ...sample, rates: {} })).quotes).toEqual([]);
    const odd = parseExchangeRateApiLatest(JSON.stringify({ ...sample, rates: { USD: "n/a", EUR: 0 } }));
    expect(odd.quotes.map((q) => q.krwPerQuotedUnit)).toEqual([Number.NaN, Number.POSITIVE_INFINITY]);
  });
});
