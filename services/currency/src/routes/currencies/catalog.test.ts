import { describe, expect, test } from "bun:test";
import { SUPPORTED_CURRENCIES } from "@trip/shared";
import { seeded, testApp } from "../../testing/test-app.ts";

describe("GET /api/v1/currencies", () => {
  test("every supported currency, KRW first at 1, rates where known, null where not", async () => {
    const { body } = await seeded().get("/api/v1/currencies");
    expect(body.data.count).toBe(SUPPORTED_CURRENCIES.length);
    const byCode = Object.fromEntries(body.data.currencies.map((c: { code: string }) => [c.code, c]));
    expect(byCode.KRW).toMatchObject({ current_rate: 1, unit: 1 });
    expect(byCode.JPY).toMatchObject({ current_rate: 9.5, unit: 100, name_en: "Japanese Yen", flag: "🇯🇵" });
    expect(byCode.EUR).toMatchObject({ country_code: "EU", country_name_en: "Euro area" });
    expect(byCode.THB).toMatchObject({ current_rate: null, last_updated: null });
    expect(body.data).toMatchObject({ source: "cache", cache_hit: true });
  });
  test("with both stores down and nothing in memory the static catalog is still served, rates null", async () => {
    const t = testApp();
    t.store.down = true;
    t.database.down = true;
    const { status, body } = await t.get("/api/v1/currencies");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ source: null, cache_hit: false, last_updated: null });
    expect(body.data.currencies[1].current_rate).toBeNull();
  });
});
