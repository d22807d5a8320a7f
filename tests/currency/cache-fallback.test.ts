import { describe, expect, test } from "bun:test";
import { RATE_CACHE_KEYS } from "@trip/shared";
import { waitFor } from "../support/stack.ts";
import {
  cacheEntry,
  currency,
  deleteCacheKeys,
  publishRatesUpdated,
  storedLatest,
  withStoredRates,
} from "./support/currency-stack.ts";

withStoredRates();

// Each test uses its own currency: the event test leaves USD one millisecond ahead of MariaDB until the
// next ingestion, which would hide a database read of USD.
const jpySource = async (): Promise<string | undefined> =>
  (await currency("/api/v1/currencies/latest?symbols=JPY")).body.data?.source;

describe("read path against the running stack", () => {
  test("with the cache keys deleted the rate comes from MariaDB, and the keys are written back", async () => {
    // An ingestion landing in the middle rewrites the keys first; then simply try again.
    let sawDatabase = false;
    for (let attempt = 0; attempt < 3 && !sawDatabase; attempt++) {
      await deleteCacheKeys([RATE_CACHE_KEYS.latest, RATE_CACHE_KEYS.rate("JPY")]);
      sawDatabase = await waitFor("source database", async () => (await jpySource()) === "database", {
        timeoutMs: 12_000,
      }).then(
        () => true,
        () => false,
      );
    }
    expect(sawDatabase).toBe(true);
    const refilled = await waitFor("rate:JPY refilled", () => cacheEntry(RATE_CACHE_KEYS.rate("JPY")));
    expect(refilled).toMatchObject({ currency_code: "JPY", unit: 100 });
    expect(Math.abs(Number(refilled.rate) - (storedLatest("JPY")?.rate ?? 0))).toBeLessThanOrEqual(1e-6);
    await waitFor("source cache again", async () => (await jpySource()) === "cache");
  }, 60_000);

  test("a published exchange-rates.updated is served within a few seconds", async () => {
    const stored = storedLatest("USD");
    if (stored === undefined) throw new Error("no USD rate stored");
    // One millisecond newer than the stored observation and a hair off its value; afterwards the stored
    // value is published again (one more millisecond on), so other suites see the real rate, and the
    // next real ingestion supersedes both.
    const step = (ms: number) => new Date(Date.parse(stored.observedAt) + ms).toISOString();
    const publish = (rate: number, observedAt: string) =>
      publishRatesUpdated({
        batch_id: `currency-it-${observedAt}`,
        provider: "currency-it",
        observed_at: observedAt,
        collected_at: new Date().toISOString(),
        rates: [{ currency_code: "USD", rate, tts: null, ttb: null, unit: 1 }],
      });
    const served = async (rate: number, observedAt: string) => {
      const { body } = await currency("/api/v1/currencies/latest?symbols=USD");
      const newer = Date.parse(body.data?.last_updated) > Date.parse(observedAt);
      return body.data?.rates?.USD === rate || newer ? body.data : undefined;
    };
    const probe = Math.round((stored.rate + 0.0001) * 1e4) / 1e4;
    await publish(probe, step(1));
    const seen = await waitFor("the published rate", () => served(probe, step(1)));
    // Either our event is served, or a real ingestion newer than it already replaced it.
    expect(Date.parse(seen.last_updated)).toBeGreaterThanOrEqual(Date.parse(step(1)));
    await publish(stored.rate, step(2));
    await waitFor("the stored rate again", () => served(stored.rate, step(2)));
  }, 30_000);
});
