import { describe, expect, test } from "bun:test";
import { seeded } from "../../testing/test-app.ts";

describe("GET /api/v1/currencies/{code}", () => {
  test("JPY: KRW per 1 yen, unit 100, change against the previous KST day's close", async () => {
    const { status, body } = await seeded().get("/api/v1/currencies/jpy");
    expect(status).toBe(200);
    expect(body.data).toEqual({
      currency_code: "JPY",
      currency_name: "일본 엔",
      currency_name_en: "Japanese Yen",
      country_code: "JP",
      country_name: "일본",
      symbol: "¥",
      unit: 100,
      current_rate: 9.5,
      tts: null,
      ttb: null,
      change: 0.1,
      change_percent: 1.06,
      last_updated: "2026-11-27T03:00:00.000Z",
      source: "cache",
    });
  });
  test("tts/ttb come from the provider when it gives them", async () => {
    const { body } = await seeded().get("/api/v1/currencies/USD");
    expect(body.data).toMatchObject({ tts: 1414, ttb: 1386, change: null, change_percent: null });
  });
  test.each([
    ["XYZ", 400, "INVALID_CURRENCY_CODE"],
    ["USDD", 400, "INVALID_CURRENCY_CODE"],
    ["12", 400, "INVALID_CURRENCY_CODE"],
    ["KRW", 400, "INVALID_CURRENCY_CODE"],
    ["THB", 404, "NOT_FOUND"],
  ])("/%s → %i %s", async (code, status, errorCode) => {
    const res = await seeded().get(`/api/v1/currencies/${code}`);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(errorCode);
  });
  test("fixed routes are never captured by {code}", async () => {
    const t = seeded();
    expect((await t.get("/api/v1/currencies/latest")).body.data.base).toBe("KRW");
    expect((await t.get("/api/v1/currencies/convert")).body.error.code).toBe("MISSING_PARAMETER");
    expect((await t.get("/api/v1/currencies/price-index")).body.error.code).toBe("MISSING_PARAMETER");
  });
});
