import { createLogger, MetricsRegistry, manualClock } from "@trip/shared";
import { rateCache } from "../adapters/rate-cache.ts";
import { createApp } from "../app.ts";
import { PreviousCloseReader } from "../read-path/previous-close.ts";
import { RateReader } from "../read-path/rate-reader.ts";
import { FakeRateDatabase, InMemoryStateStore } from "./fake-stores.ts";
import { cachedRate, quote } from "./quotes.ts";

export const APP_TOKEN = "test-app-token";

/** The real app and read path over an in-memory cache store and a fake MariaDB. */
export const testApp = (options: { corsOrigins?: readonly string[]; legacyClientCompat?: boolean } = {}) => {
  const clock = manualClock("2026-11-27T03:01:00Z");
  const store = new InMemoryStateStore();
  const database = new FakeRateDatabase();
  const metrics = new MetricsRegistry();
  const log = createLogger({ service: "currency-service", sink: () => {} });
  const rates = new RateReader({
    cache: rateCache(store, log, 900),
    database,
    clock,
    log,
    metrics,
    ttlMs: 5000,
  });
  const app = createApp({
    version: "test",
    log,
    clock,
    metrics,
    appToken: APP_TOKEN,
    corsOrigins: options.corsOrigins ?? [],
    legacyClientCompat: options.legacyClientCompat ?? true,
    checks: [],
    rates,
    previousClose: new PreviousCloseReader(database, clock, log),
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const res = await app.request(path);
    return { status: res.status, body: await res.json() };
  };
  return { app, clock, store, database, metrics, rates, get };
};

/** A test app whose cache and database hold USD 1400 (with TTS/TTB), JPY 9.5, EUR 1500, and a JPY close of 9.4. */
export const seeded = (options: Parameters<typeof testApp>[0] = {}) => {
  const t = testApp(options);
  t.store.putRates([
    cachedRate("USD", 1400, { tts: 1414, ttb: 1386 }),
    cachedRate("JPY", 9.5),
    cachedRate("EUR", 1500),
  ]);
  t.database.quotes = [quote("USD", 1400), quote("JPY", 9.5), quote("EUR", 1500)];
  t.database.history.set("JPY", [[new Date("2026-11-26T09:00:00Z"), 9.4]]);
  return t;
};
