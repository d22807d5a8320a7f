import { describe, expect, test } from "bun:test";
import { waitFor } from "../support/stack.ts";
import { currency, storedLatest, withStoredRates } from "./support/currency-stack.ts";

withStoredRates();

describe("currency-service against the running stack", () => {
  test("latest serves the newest stored rates (KRW per 1 unit) with their observation time", async () => {
    // The ingestor may store a newer batch meanwhile: compare against MariaDB until both agree. The cache
    // holds exact decimal strings; the tolerance allows for an entry written as a JSON number, which
    // daprd's state API keeps with 6 decimals.
    const served = await waitFor("latest to match MariaDB", async () => {
      const stored = storedLatest("USD");
      const { status, body } = await currency("/api/v1/currencies/latest?symbols=USD,JPY");
      const close = stored !== undefined && Math.abs(body.data?.rates?.USD - stored.rate) <= 1e-6;
      return status === 200 && close ? { body, stored } : undefined;
    });
    expect(served.body.data).toMatchObject({
      base: "KRW",
      source: expect.stringMatching(/^(cache|database)$/),
    });
    expect(served.body.data.rates.JPY).toBeGreaterThan(1);
    expect(served.body.data.rates.JPY).toBeLessThan(100);
    expect(Date.parse(served.body.data.last_updated)).toBeLessThanOrEqual(
      Date.parse(served.stored?.observedAt ?? ""),
    );
    expect(served.body.data.timestamp).toBe(Math.floor(Date.parse(served.body.data.last_updated) / 1000));
  });

  test("cross rates and conversion are consistent with the KRW rates", async () => {
    const krw = (await currency("/api/v1/currencies/latest?symbols=USD,JPY")).body.data.rates;
    const usd = (await currency("/api/v1/currencies/latest?symbols=JPY&base=USD")).body.data.rates;
    expect(usd.JPY).toBeCloseTo(krw.JPY / krw.USD, 6);
    const { status, body } = await currency("/api/v1/currencies/convert?from=USD&to=KRW&amount=100");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ from: "USD", to: "KRW", amount: 100 });
    expect(Number.isInteger(body.data.result)).toBe(true);
  });

  test("detail, catalog and price index answer with the contract's shapes", async () => {
    const jpy = await currency("/api/v1/currencies/JPY");
    expect(jpy.status).toBe(200);
    expect(jpy.body.data).toMatchObject({ currency_code: "JPY", unit: 100, country_code: "JP" });
    expect(Object.keys(jpy.body.data)).toEqual(
      expect.arrayContaining([
        "current_rate",
        "tts",
        "ttb",
        "change",
        "change_percent",
        "last_updated",
        "source",
      ]),
    );
    const catalog = await currency("/api/v1/currencies");
    expect(
      catalog.body.data.currencies.find((c: { code: string }) => c.code === "USD").current_rate,
    ).toBeGreaterThan(0);
    const index = await currency("/api/v1/currencies/price-index?country=JP&base_country=KR");
    expect(index.status).toBe(200);
    expect(index.body.data.indices.bigmac_index).toBeGreaterThan(0);
  });

  test.each([
    ["/api/v1/currencies/latest?symbols=USD,XYZ", "INVALID_CURRENCY_CODE"],
    ["/api/v1/currencies/latest?base=XYZ", "INVALID_CURRENCY_CODE"],
    ["/api/v1/currencies/convert?from=USD&to=JPY&amount=-5", "DATA_VALIDATION_ERROR"],
    ["/api/v1/currencies/convert?from=USD&to=JPY&amount=abc", "DATA_VALIDATION_ERROR"],
    ["/api/v1/currencies/price-index?country=ZZ", "INVALID_COUNTRY_CODE"],
    ["/api/v1/currencies/ABCD", "INVALID_CURRENCY_CODE"],
  ])("%s → 400 %s", async (path, code) => {
    const { status, body } = await currency(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ success: false, error: { code } });
  });

  test("fixed routes are never treated as a currency code", async () => {
    expect((await currency("/api/v1/currencies/latest")).body.data.base).toBe("KRW");
    expect((await currency("/api/v1/currencies/convert")).body.error.code).toBe("MISSING_PARAMETER");
    expect((await currency("/api/v1/currencies/price-index")).body.error.code).toBe("MISSING_PARAMETER");
  });
});
