import { describe, expect, test } from "bun:test";
import { seeded } from "../../testing/test-app.ts";

describe("GET /api/v1/currencies/convert", () => {
  test("USD → JPY through KRW", async () => {
    const { status, body } = await seeded().get("/api/v1/currencies/convert?from=USD&to=JPY&amount=100");
    expect(status).toBe(200);
    expect(body.data).toEqual({
      from: "USD",
      to: "JPY",
      amount: 100,
      result: 14_737,
      rate: 147.36842105,
      last_updated: "2026-11-27T03:00:00.000Z",
    });
  });
  test.each([
    ["from=USD&to=JPY&amount=-1", "DATA_VALIDATION_ERROR"],
    ["from=USD&to=JPY&amount=abc", "DATA_VALIDATION_ERROR"],
    ["from=USD&to=JPY&amount=Infinity", "DATA_VALIDATION_ERROR"],
    ["from=USD&to=JPY&amount=", "DATA_VALIDATION_ERROR"],
    ["from=USD&to=JPY&amount=1000000000000000", "DATA_VALIDATION_ERROR"],
    ["from=USD&to=JPY", "MISSING_PARAMETER"],
    ["from=XYZ&to=JPY&amount=1", "INVALID_CURRENCY_CODE"],
    ["from=USD&to=12&amount=1", "INVALID_CURRENCY_CODE"],
  ])("?%s → 400 %s", async (query, code) => {
    const { status, body } = await seeded().get(`/api/v1/currencies/convert?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
  });
});
