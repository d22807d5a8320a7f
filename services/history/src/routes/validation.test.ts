import { describe, expect, test } from "bun:test";
import { buildTestApp } from "../testing/test-app.ts";

const { app } = buildTestApp();

const expectError = async (path: string, status: number, code: string) => {
  const res = await app.request(path);
  const body = (await res.json()) as { success: boolean; error: { code: string } };
  expect({ path, status: res.status, code: body.error?.code }).toEqual({ path, status, code });
  expect(body.success).toBe(false);
};

describe("invalid parameters are 400s with the contract's codes, never 500", () => {
  test("period and interval → INVALID_PERIOD", async () => {
    await expectError("/api/v1/history?target=USD&period=2y", 400, "INVALID_PERIOD");
    await expectError("/api/v1/history?target=USD&period=", 400, "INVALID_PERIOD");
    await expectError("/api/v1/history?target=USD&period=1m&interval=weekly", 400, "INVALID_PERIOD");
    await expectError("/api/v1/history/stats?target=USD&period=10y", 400, "INVALID_PERIOD");
    await expectError("/api/v1/history/compare?targets=USD,JPY&period=1q", 400, "INVALID_PERIOD");
  });

  test("an interval too fine for the period (1y of 5-minute buckets) → INVALID_PERIOD", async () => {
    await expectError("/api/v1/history?target=USD&period=1y&interval=5min", 400, "INVALID_PERIOD");
    await expectError("/api/v1/history?target=USD&period=6m&interval=hourly", 400, "INVALID_PERIOD");
  });

  test("unknown or malformed currencies → INVALID_CURRENCY_CODE", async () => {
    await expectError("/api/v1/history?target=XYZ&period=1m", 400, "INVALID_CURRENCY_CODE");
    await expectError("/api/v1/history?target=usd&period=1m", 400, "INVALID_CURRENCY_CODE");
    await expectError("/api/v1/history?target=USD&base=ABC", 400, "INVALID_CURRENCY_CODE");
    await expectError("/api/v1/history?target=USD&base=USD", 400, "INVALID_CURRENCY_CODE");
    await expectError("/api/v1/history/stats?target=QQQ", 400, "INVALID_CURRENCY_CODE");
    await expectError("/api/v1/history/compare?targets=USD,XYZ", 400, "INVALID_CURRENCY_CODE");
    await expectError("/api/v1/history/compare?targets=USD,KRW&base=KRW", 400, "INVALID_CURRENCY_CODE");
  });

  test("a missing target → MISSING_PARAMETER", async () => {
    await expectError("/api/v1/history?period=1m", 400, "MISSING_PARAMETER");
    await expectError("/api/v1/history/stats", 400, "MISSING_PARAMETER");
    await expectError("/api/v1/history/compare?period=1w", 400, "MISSING_PARAMETER");
  });

  test("compare needs 2 to 10 different targets", async () => {
    await expectError("/api/v1/history/compare?targets=USD", 400, "DATA_VALIDATION_ERROR");
    await expectError("/api/v1/history/compare?targets=USD,USD", 400, "DATA_VALIDATION_ERROR");
    const eleven = "USD,JPY,EUR,CNY,GBP,AUD,CAD,CHF,HKD,SGD,THB";
    await expectError(`/api/v1/history/compare?targets=${eleven}`, 400, "DATA_VALIDATION_ERROR");
    const ten = await app.request("/api/v1/history/compare?targets=USD,JPY,EUR,CNY,GBP,AUD,CAD,CHF,HKD,SGD");
    expect(ten.status).toBe(200);
  });
});
