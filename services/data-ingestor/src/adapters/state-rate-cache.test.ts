import { describe, expect, test } from "bun:test";
import type { CachedRate, LatestRatesSnapshot, StateStore, TransactionOperation } from "@trip/shared";
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
  const transactions: TransactionOperation[][] = [];
  const store = {
    name: "cache",
    get: async () => (stored === undefined ? undefined : { value: stored, etag: "1" }),
    transaction: async (ops: TransactionOperation[]) => {
      transactions.push(ops);
    },
  } as unknown as StateStore;
  return { store, transactions };
};

describe("stateRateCache", () => {
  test("writes rate:{CODE} and rates:latest in one transaction, each re-created with the TTL", async () => {
    const { store, transactions } = storeWith(undefined);
    await stateRateCache(store).write([usd], latest, 86_400);
    expect(transactions).toEqual([
      [
        { operation: "delete", key: "rate:USD" },
        { operation: "upsert", key: "rate:USD", value: usd, ttlInSeconds: 86_400 },
        { operation: "delete", key: "rates:latest" },
        { operation: "upsert", key: "rates:latest", value: latest, ttlInSeconds: 86_400 },
      ],
    ]);
  });

  test("reads back a valid rates:latest, and treats a malformed one as absent", async () => {
    expect(await stateRateCache(storeWith(latest).store).readLatest()).toEqual(latest);
    expect(await stateRateCache(storeWith({ rates: "nope" }).store).readLatest()).toBeUndefined();
  });
});
