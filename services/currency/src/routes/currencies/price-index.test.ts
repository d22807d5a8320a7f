import { describe, expect, test } from "bun:test";
import { seeded } from "../../testing/test-app.ts";

describe("GET /api/v1/currencies/price-index", () => {
  test("Japan against Korea (default base)", async () => {
    const { status, body } = await seeded().get("/api/v1/currencies/price-index?country=jp");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      country_code: "JP",
      base_country: "KR",
      data_date: expect.any(String),
    });
    expect(body.data.indices.bigmac_index).toBe(body.data.indices.composite_index);
    expect(body.data.price_data.bigmac_price_krw).toBe(
      Math.round(body.data.price_data.bigmac_price_local * 9.5),
    );
  });
  test.each([
    ["country=ZZ", 400, "INVALID_COUNTRY_CODE"],
    ["country=JP&base_country=XX", 400, "INVALID_COUNTRY_CODE"],
    ["", 400, "MISSING_PARAMETER"],
    ["country=GU", 404, "NOT_FOUND"],
  ])("?%s → %i %s", async (query, status, code) => {
    const res = await seeded().get(`/api/v1/currencies/price-index?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });
});
