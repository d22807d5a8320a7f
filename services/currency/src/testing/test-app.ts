import { withHotRoutes } from "@trip/shared";
import { createApp } from "../app.ts";
import { LATEST_RATES_PATH, latestRatesFromMemory } from "../routes/currencies/latest.ts";
import { PreviousCloseReader } from "../use-cases/previous-close.ts";
import { putRates } from "./fake-stores.ts";
import { cachedRate, quote } from "./quotes.ts";
import { readerOverFakes } from "./reader-over-fakes.ts";

export const APP_TOKEN = "test-app-token";

/**
 * The real app and read path over an in-memory cache store and a fake MariaDB; `get` goes through the
 * server's fetch as main.ts composes it (the hot route in front of the app).
 */
export const testApp = (options: { corsOrigins?: readonly string[]; legacyClientCompat?: boolean } = {}) => {
  const { clock, store, database, metrics, log, reader: rates } = readerOverFakes("currency-service");
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
  const fetch = withHotRoutes(app.fetch, {
    service: "currency-service",
    metrics,
    routes: { [LATEST_RATES_PATH]: latestRatesFromMemory({ rates, clock }) },
  });
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const res = await fetch(new Request(`http://127.0.0.1${path}`));
    return { status: res.status, body: await res.json() };
  };
  return { app, fetch, clock, store, database, metrics, rates, get };
};

/** A test app whose cache and database hold USD 1400 (with TTS/TTB), JPY 9.5, EUR 1500, and a JPY close of 9.4. */
export const seeded = (options: Parameters<typeof testApp>[0] = {}) => {
  const t = testApp(options);
  putRates(t.store, [
    cachedRate("USD", 1400, { tts: 1414, ttb: 1386 }),
    cachedRate("JPY", 9.5),
    cachedRate("EUR", 1500),
  ]);
  t.database.quotes = [quote("USD", 1400), quote("JPY", 9.5), quote("EUR", 1500)];
  t.database.history.set("JPY", [[new Date("2026-11-26T09:00:00Z"), 9.4]]);
  return t;
};
