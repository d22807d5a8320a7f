import { describe, expect, test } from "bun:test";
import { withHotRoutes } from "@trip/shared";
import { putRates } from "../../testing/fake-stores.ts";
import { cachedRate } from "../../testing/quotes.ts";
import { APP_TOKEN, seeded, testApp } from "../../testing/test-app.ts";
import { LATEST_RATES_PATH, latestRatesFromMemory } from "./latest.ts";

/** The server's fetch as main.ts composes it: the default read answered from memory before the app. */
const servedFetch = (t: ReturnType<typeof testApp>) => {
  const answer = latestRatesFromMemory(t);
  const served = { fromMemory: 0, fetch: t.app.fetch };
  served.fetch = withHotRoutes(t.app.fetch, {
    service: "currency-service",
    metrics: t.metrics,
    routes: {
      [LATEST_RATES_PATH]: () => {
        const response = answer();
        if (response) served.fromMemory++;
        return response;
      },
    },
  });
  return served;
};

describe("GET /api/v1/currencies/latest", () => {
  test("defaults: base KRW, every currency with a rate, from the cache", async () => {
    const { body, status } = await seeded().get("/api/v1/currencies/latest");
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, version: "v1" });
    expect(body.data).toEqual({
      base: "KRW",
      timestamp: Date.parse("2026-11-27T03:00:00Z") / 1000,
      rates: { USD: 1400, JPY: 9.5, EUR: 1500 },
      source: "cache",
      cache_hit: true,
      last_updated: "2026-11-27T03:00:00.000Z",
    });
  });
  test("the default request is answered from memory once read: same body, a correlation id, counted", async () => {
    const t = seeded();
    const served = servedFetch(t);
    const routed = await served.fetch(new Request(`http://127.0.0.1${LATEST_RATES_PATH}`));
    const hot = await served.fetch(
      new Request(`http://127.0.0.1${LATEST_RATES_PATH}`, {
        headers: { "x-correlation-id": "trace-me-1234" },
      }),
    );
    expect(served.fromMemory).toBe(1);
    expect(t.store.reads).toBe(1);
    expect(hot.headers.get("content-type")).toBe("application/json");
    expect(hot.headers.get("x-correlation-id")).toBe("trace-me-1234");
    expect(routed.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await hot.json()).toEqual(await routed.json());
    expect(await (await t.app.request("/metrics")).text()).toContain(
      'http_requests_total{method="GET",route="/api/v1/currencies/latest",service="currency-service",status="200"} 2',
    );
  });
  test("a cross-origin browser request takes the normal route and gets its CORS header", async () => {
    const t = seeded({ corsOrigins: ["http://127.0.0.1:8080"] });
    const served = servedFetch(t);
    await t.get("/api/v1/currencies/latest");
    const plain = await served.fetch(new Request(`http://127.0.0.1${LATEST_RATES_PATH}`));
    const browser = await served.fetch(
      new Request(`http://127.0.0.1${LATEST_RATES_PATH}`, { headers: { origin: "http://127.0.0.1:8080" } }),
    );
    expect(served.fromMemory).toBe(1);
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    expect(browser.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8080");
    expect(await browser.json()).toEqual(await plain.json());
  });
  test("every other route keeps its own metric label; a path no route matches is 'unmatched'", async () => {
    const t = seeded();
    await t.get("/api/v1/currencies/latest?symbols=USD");
    await t.get("/api/v1/currencies/USD");
    await t.get("/api/v1/nothing-here");
    const metrics = await (await t.app.request("/metrics")).text();
    for (const [route, status] of [
      ["/api/v1/currencies/latest", 200],
      ["/api/v1/currencies/:code", 200],
      ["unmatched", 404],
    ])
      expect(metrics).toContain(
        `http_requests_total{method="GET",route="${route}",service="currency-service",status="${status}"} 1`,
      );
  });
  test("past the TTL the default request is answered at once and the store is read in the background", async () => {
    const t = seeded();
    await t.get("/api/v1/currencies/latest");
    putRates(t.store, [cachedRate("USD", 1410, { observed_at: "2026-11-27T03:02:00.000Z" })]);
    t.clock.advance(5000);
    expect((await t.get("/api/v1/currencies/latest")).body.data.rates.USD).toBe(1400);
    await Bun.sleep(0);
    expect((await t.get("/api/v1/currencies/latest")).body.data.rates.USD).toBe(1410);
    expect(t.store.reads).toBe(2);
  });
  test("symbols (any case, spaces) and a foreign base give cross rates", async () => {
    const { body } = await seeded().get("/api/v1/currencies/latest?symbols=jpy,%20EUR&base=usd");
    expect(body.data.base).toBe("USD");
    expect(body.data.rates).toEqual({ JPY: 0.0067857143, EUR: 1.07142857 });
  });
  test.each([
    ["symbols=XYZ", "INVALID_CURRENCY_CODE"],
    ["symbols=USD,,JPY", "INVALID_CURRENCY_CODE"],
    ["symbols=", "INVALID_CURRENCY_CODE"],
    ["base=XYZ", "INVALID_CURRENCY_CODE"],
    ["base=US", "INVALID_CURRENCY_CODE"],
  ])("?%s → 400 %s", async (query, code) => {
    const { status, body } = await seeded().get(`/api/v1/currencies/latest?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
  });
  test("a supported symbol with no rate collected yet → 404", async () => {
    expect((await seeded().get("/api/v1/currencies/latest?symbols=THB")).status).toBe(404);
  });
  test("cache and database both down with nothing in memory → 503, no data invented", async () => {
    const t = testApp();
    t.store.down = true;
    t.database.down = true;
    const { status, body } = await t.get("/api/v1/currencies/latest");
    expect(status).toBe(503);
    expect(body).toMatchObject({ success: false, error: { code: "CACHE_UNAVAILABLE" } });
  });
  test("cache down → served from MariaDB with source database", async () => {
    const t = seeded();
    t.store.down = true;
    const { body } = await t.get("/api/v1/currencies/latest?symbols=USD");
    expect(body.data).toMatchObject({ rates: { USD: 1400 }, source: "database", cache_hit: false });
  });
  test("a published batch is served at once", async () => {
    const t = seeded();
    await t.get("/api/v1/currencies/latest");
    const delivered = await t.app.request("/events/exchange-rates-updated", {
      method: "POST",
      headers: { "content-type": "application/cloudevents+json", "dapr-api-token": APP_TOKEN },
      body: JSON.stringify({
        id: "e1",
        topic: "exchange-rates.updated",
        data: {
          batch_id: "b2",
          provider: "fx-sandbox",
          observed_at: "2026-11-27T03:02:00.000Z",
          collected_at: "2026-11-27T03:02:01.000Z",
          rates: [{ currency_code: "USD", rate: 1401.5, tts: null, ttb: null, unit: 1 }],
        },
      }),
    });
    expect(await delivered.json()).toEqual({ status: "SUCCESS" });
    const { body } = await t.get("/api/v1/currencies/latest?symbols=USD");
    expect(body.data).toMatchObject({ rates: { USD: 1401.5 }, last_updated: "2026-11-27T03:02:00.000Z" });
  });
});
