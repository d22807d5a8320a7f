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

/** USD as stored: rates as 8-decimal strings, which the state API keeps exactly. */
const stored = { ...usd, rate: "1469.85000000", tts: null, ttb: null };

describe("stateRateCache", () => {
  test("writes rate:{CODE} and rates:latest in one transaction, each re-created with the TTL", async () => {
    const { store, transactions } = storeWith(undefined);
    await stateRateCache(store).write([usd], latest, 86_400);
    expect(transactions).toEqual([
      [
        { operation: "delete", key: "rate:USD" },
        { operation: "upsert", key: "rate:USD", value: stored, ttlInSeconds: 86_400 },
        { operation: "delete", key: "rates:latest" },
        {
          operation: "upsert",
          key: "rates:latest",
          value: { ...latest, rates: { USD: stored } },
          ttlInSeconds: 86_400,
        },
      ],
    ]);
  });

  test("reads back a valid rates:latest, and treats a malformed one as absent", async () => {
    expect(await stateRateCache(storeWith(latest).store).readLatest()).toEqual(latest);
    // The stored form (decimal strings) reads back as numbers, to the last decimal.
    const exact = { ...stored, rate: "0.05244290", tts: "0.05300001" };
    const read = await stateRateCache(storeWith({ ...latest, rates: { VND: exact } }).store).readLatest();
    expect(read?.rates.VND).toMatchObject({ rate: 0.0524429, tts: 0.05300001, ttb: null });
    expect(await stateRateCache(storeWith({ rates: "nope" }).store).readLatest()).toBeUndefined();
  });
});
