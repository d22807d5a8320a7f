import { describe, expect, test } from "bun:test";
import { createLogger, RATE_CACHE_KEYS, storedCachedRate } from "@trip/shared";
import { inMemoryStateStore } from "@trip/shared/testing";
import { putRates } from "../testing/fake-stores.ts";
import { cachedRate, quote } from "../testing/quotes.ts";
import { rateCache } from "./rate-cache.ts";

const log = createLogger({ service: "test", sink: () => {} });

describe("rateCache.readAll", () => {
  test("reads rates:latest and every rate:{CODE} in one bulk call, as quotes from the cache", async () => {
    const store = inMemoryStateStore("cache");
    putRates(store, [cachedRate("USD", 1392.4), cachedRate("JPY", 9.5)]);
    const contents = await rateCache(store, log, 900).readAll();
    expect(store.reads).toBe(1);
    expect(contents.quotes.find((q) => q.code === "JPY")).toMatchObject({
      krwPerUnit: 9.5,
      unit: 100,
      origin: "cache",
    });
    expect(contents.keys.get(RATE_CACHE_KEYS.latest)).toEqual(new Date("2026-11-27T03:00:00Z"));
    expect(contents.keys.get("rate:USD")).toEqual(new Date("2026-11-27T03:00:00Z"));
  });
  test("a malformed entry is ignored and not counted as present", async () => {
    const store = inMemoryStateStore("cache");
    store.seed("rate:USD", { currency_code: "USD", rate: -1 });
    store.seed("rate:JPY", cachedRate("JPY", 9.5));
    const contents = await rateCache(store, log, 900).readAll();
    expect(contents.quotes.map((q) => q.code)).toEqual(["JPY"]);
    expect(contents.keys.has("rate:USD")).toBe(false);
  });
  test("rates stored as decimal strings (full DECIMAL precision) are read as numbers", async () => {
    const store = inMemoryStateStore("cache");
    store.seed("rate:VND", { ...cachedRate("VND", 1), rate: "0.05244290", tts: null });
    const contents = await rateCache(store, log, 900).readAll();
    expect(contents.quotes[0]).toMatchObject({ code: "VND", krwPerUnit: 0.0524429 });
  });
  test("codes outside the catalog in rates:latest are skipped", async () => {
    const store = inMemoryStateStore("cache");
    putRates(store, [cachedRate("XAU", 190_000), cachedRate("USD", 1392.4)]);
    const contents = await rateCache(store, log, 900).readAll();
    expect([...new Set(contents.quotes.map((q) => q.code))]).toEqual(["USD"]);
  });
  test("a cache that is down throws", async () => {
    const store = inMemoryStateStore("cache");
    store.down = true;
    await expect(rateCache(store, log, 900).readAll()).rejects.toThrow();
  });
});

describe("rateCache.refill", () => {
  test("writes absent keys with the refill TTL in the ingestor's format and rates:latest from the snapshot", async () => {
    const store = inMemoryStateStore("cache");
    const usd = quote("USD", 1392.4, { origin: "database" });
    const written = await rateCache(store, log, 900).refill([usd], [usd]);
    expect(written).toEqual(["rate:USD", "rates:latest"]);
    // Rates as 8-decimal strings: the state API would keep only 6 decimals of a JSON number.
    expect({ ttl: store.ttlOf("rate:USD"), value: store.dump().get("rate:USD") }).toMatchObject({
      ttl: 900,
      value: storedCachedRate(cachedRate("USD", 1392.4)),
    });
    expect(store.dump().get("rates:latest")).toMatchObject({
      batch_id: "batch-1",
      rates: { USD: { rate: "1392.40000000" } },
    });
  });
  test("without a snapshot only the rate keys are written, in one save", async () => {
    const store = inMemoryStateStore("cache");
    const written = await rateCache(store, log, 900).refill([quote("USD", 1392.4), quote("JPY", 9.5)]);
    expect(written).toEqual(["rate:USD", "rate:JPY"]);
    expect(store.dump().has("rates:latest")).toBe(false);
  });
});
