/** Builds the real app over in-memory fakes of its ports, for `app.request` tests. */
import { createLogger, MetricsRegistry, manualClock, type SelectionRecordedEvent } from "@trip/shared";
import { createApp } from "../app.ts";
import type { Bar } from "../domain/bars.ts";
import type { AnalysisResult } from "../use-cases/analysis-job.ts";
import type { RateHistoryStore, RunTrigger, SelectionStore } from "../use-cases/ports.ts";
import { createQueryCache } from "../use-cases/query-cache.ts";
import { memoryRateHistoryStore, type Sample } from "./memory-rate-history-store.ts";

export const APP_TOKEN = "app-token-for-tests";
export const ADMIN_TOKEN = "admin-token-for-tests";

export const memorySelectionStore = () => {
  const rows = new Map<string, SelectionRecordedEvent>();
  const store: SelectionStore = {
    async record(event) {
      if (rows.has(event.selection_id)) return "duplicate";
      rows.set(event.selection_id, event);
      return "inserted";
    },
  };
  return { store, rows };
};

export const buildTestApp = (
  options: {
    now?: string;
    samples?: Sample[];
    dailyStats?: Map<string, Bar[]>;
    rates?: RateHistoryStore;
    legacyClientCompat?: boolean;
  } = {},
) => {
  const clock = manualClock(options.now ?? "2026-11-27T03:00:00Z");
  const memory = memoryRateHistoryStore(options.samples ?? [], options.dailyStats);
  const selections = memorySelectionStore();
  const metrics = new MetricsRegistry();
  const cache = createQueryCache({ clock, ttlMs: 60_000, maxEntries: 100 });
  const analysisRuns: RunTrigger[] = [];
  const app = createApp({
    version: "test",
    log: createLogger({ service: "history-test", level: "error" }),
    clock,
    metrics,
    appToken: APP_TOKEN,
    corsOrigins: [],
    legacyClientCompat: options.legacyClientCompat ?? true,
    checks: [],
    rates: options.rates ?? memory.store,
    selections: selections.store,
    cache,
    runAnalysis: async (trigger): Promise<AnalysisResult> => {
      analysisRuns.push(trigger);
      return { run_key: `${trigger}:test`, status: "succeeded", from_id: 0, to_id: 0, days_updated: 0 };
    },
    adminToken: async () => ADMIN_TOKEN,
  });
  return { app, clock, memory, selections, metrics, cache, analysisRuns };
};

/** `count` samples of `currency` every `stepMs`, ending at `end`, rates from `rateAt(i)`. */
export const samplesOf = (
  currency: string,
  end: string,
  count: number,
  stepMs: number,
  rateAt: (i: number) => number,
): Sample[] =>
  Array.from({ length: count }, (_, i) => ({
    currency,
    rate: rateAt(i),
    observedAt: new Date(new Date(end).getTime() - (count - 1 - i) * stepMs),
  }));

export interface Envelope<T> {
  success: boolean;
  version: string;
  data: T;
}

/** The value, or a failed test when it is missing. */
export const must = <T>(value: T | null | undefined): T => {
  if (value === null || value === undefined) throw new Error("expected a value");
  return value;
};

/** GET through the app, typed as the route's data. */
export const getData = async <T>(app: ReturnType<typeof buildTestApp>["app"], path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Envelope<T> };
};
