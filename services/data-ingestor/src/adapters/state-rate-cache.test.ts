import { describe, expect, test } from "bun:test";
import type { CachedRate, LatestRatesSnapshot } from "@trip/shared";
import { inMemoryStateStore } from "@trip/shared/testing";
import { stateRateCache } from "./state-rate-cache.ts";

const usd: CachedRate = {
  currency_code: "USD",
  rate: 1469.85,
  tts: null,
  ttb: null,
  unit: 1,
  provider: "exchangerate-api",
  observed_at: "2026-11-27T12:44:00.000Z",
  collected_at: "2026-11-27T12:44:03.000Z",
  batch_id: "exchangerate-api-1795783440000",
};
const latest: LatestRatesSnapshot = {
  batch_id: usd.batch_id,
  provider: usd.provider,
  observed_at: usd.observed_at,
  collected_at: usd.collected_at,
  rates: { USD: usd },
};

const storeWith = (stored: unknown) => {
  const store = inMemoryStateStore("cache");
  if (stored !== undefined) store.seed("rates:latest", stored);
  return store;
};

/** USD as stored: rates as 8-decimal strings, which the state API keeps exactly. */
const stored = { ...usd, rate: "1469.85000000", tts: null, ttb: null };

describe("stateRateCache", () => {
  test("writes rate:{CODE} and rates:latest in one transaction, each with the TTL", async () => {
    const store = storeWith(undefined);
    await stateRateCache(store).write([usd], latest, 86_400);
    expect(store.dump()).toEqual(
      new Map<string, unknown>([
        ["rate:USD", stored],
        ["rates:latest", { ...latest, rates: { USD: stored } }],
      ]),
    );
    expect([store.ttlOf("rate:USD"), store.ttlOf("rates:latest")]).toEqual([86_400, 86_400]);
  });

  test("overwrites keys another writer created with first-write (state.redis refuses a plain save there)", async () => {
    const store = storeWith(undefined);
    await store.save([{ key: "rate:USD", value: "older", concurrency: "first-write" }]);
    await stateRateCache(store).write([usd], latest, 60);
    expect(store.dump().get("rate:USD")).toEqual(stored);
  });

  test("reads back a valid rates:latest, and treats a malformed one as absent", async () => {
    expect(await stateRateCache(storeWith(latest)).readLatest()).toEqual(latest);
    // The stored form (decimal strings) reads back as numbers, to the last decimal.
    const exact = { ...stored, rate: "0.05244290", tts: "0.05300001" };
    const read = await stateRateCache(storeWith({ ...latest, rates: { VND: exact } })).readLatest();
    expect(read?.rates.VND).toMatchObject({ rate: 0.0524429, tts: 0.05300001, ttb: null });
    expect(await stateRateCache(storeWith({ rates: "nope" })).readLatest()).toBeUndefined();
  });
});
