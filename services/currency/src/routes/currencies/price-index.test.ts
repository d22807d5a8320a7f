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

describe("GET /api/v1/price-index (the old frontend's path, deprecated)", () => {
  const OLD_FRONTEND = { "content-type": "application/json", "x-correlation-id": "old-frontend-0001" };

  test("answers exactly what /api/v1/currencies/price-index answers, errors included", async () => {
    const t = seeded();
    for (const query of ["country=JP&base_country=KR", "country=us", "country=ZZ", "country=GU", ""]) {
      const alias = await t.app.request(`/api/v1/price-index?${query}`, { headers: OLD_FRONTEND });
      const current = await t.app.request(`/api/v1/currencies/price-index?${query}`);
      expect([alias.status, await alias.json()]).toEqual([current.status, await current.json()]);
    }
  });

  test("is deprecated in /openapi.json and counted in legacy_client_requests_total", async () => {
    const t = seeded();
    await t.get("/api/v1/price-index?country=JP&base_country=KR");
    await t.get("/api/v1/price-index?country=ZZ");
    await t.get("/api/v1/currencies/price-index?country=JP");
    const doc = (await t.get("/openapi.json")).body;
    expect(doc.paths["/api/v1/price-index"].get.deprecated).toBe(true);
    expect(doc.paths["/api/v1/currencies/price-index"].get.deprecated).toBeUndefined();
    const counted = (await (await t.app.request("/metrics")).text())
      .split("\n")
      .filter((l) => l.startsWith("legacy_client_requests_total{"));
    expect(counted.sort()).toEqual([
      'legacy_client_requests_total{method="GET",route="/api/v1/price-index",service="currency-service",status="200"} 1',
      'legacy_client_requests_total{method="GET",route="/api/v1/price-index",service="currency-service",status="400"} 1',
    ]);
  });

  test("LEGACY_CLIENT_COMPAT=false: 404 and gone from /openapi.json; the current path is unchanged", async () => {
    const t = seeded({ legacyClientCompat: false });
    const res = await t.get("/api/v1/price-index?country=JP");
    expect([res.status, res.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await t.get("/openapi.json")).body.paths["/api/v1/price-index"]).toBeUndefined();
    expect((await t.get("/api/v1/currencies/price-index?country=JP")).status).toBe(200);
  });
});
