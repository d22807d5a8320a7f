import { createLogger, MetricsRegistry, manualClock } from "@trip/shared";
import { inMemoryStateStore } from "@trip/shared/testing";
import { rateCache } from "../adapters/rate-cache.ts";
import { RateReader } from "../use-cases/rate-reader.ts";
import { FakeRateDatabase } from "./fake-stores.ts";

/** The real read path over the shared in-memory `cache` store and a fake MariaDB, at 2026-11-27T03:01Z. */
export const readerOverFakes = (service = "test") => {
  const clock = manualClock("2026-11-27T03:01:00Z");
  const store = inMemoryStateStore("cache");
  const database = new FakeRateDatabase();
  const metrics = new MetricsRegistry();
  const log = createLogger({ service, sink: () => {} });
  const reader = new RateReader({
    cache: rateCache(store, log, 900),
    database,
    clock,
    log,
    metrics,
    ttlMs: 5000,
  });
  return { clock, store, database, metrics, log, reader };
};
