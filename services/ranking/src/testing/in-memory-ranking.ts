import { type Clock, createLogger, type LogLevel, MetricsRegistry } from "@trip/shared";
import { type InMemoryStateStore, inMemoryStateStore } from "@trip/shared/testing";
import { createApp } from "../app.ts";
import { envSchema } from "../config.ts";
import { composeRankingService } from "../service.ts";
import type { OverridableClock } from "../use-cases/ports.ts";
import type { RecomputeDeps } from "../use-cases/recompute-rankings.ts";
import { inMemoryLock, type RecordingPublisher, recordingPublisher } from "./fakes.ts";

export const APP_TOKEN = "app-token-for-tests";
export const ADMIN_TOKEN = "admin-token-for-tests";
export const SALT = "salt-for-tests";

/** The stores, pub/sub and lock of one deployment: replicas built on the same backends share them. */
export interface Backends {
  dailySelections: InMemoryStateStore;
  rankings: InMemoryStateStore;
  countryStats: InMemoryStateStore;
  publisher: RecordingPublisher;
  locks: Map<string, { owner: string; until: number }>;
}

export const inMemoryBackends = (): Backends => ({
  dailySelections: inMemoryStateStore("daily-selections"),
  rankings: inMemoryStateStore("rankings"),
  countryStats: inMemoryStateStore("country-stats"),
  publisher: recordingPublisher(),
  locks: new Map(),
});

/**
 * One ranking-service replica wired exactly as main.ts does, on in-memory backends.
 * @example const replica = inMemoryRanking({ clock: manualClock("2026-11-27T03:00:00Z") });
 *          await replica.app.request("/api/v1/rankings");
 */
export const inMemoryRanking = (options: {
  clock: Clock;
  backends?: Backends;
  replica?: string;
  env?: Record<string, string>;
  clockOverride?: OverridableClock;
  logLevel?: LogLevel;
  /** How a tick's owner waits for the lock; default: 3 attempts without real waiting. */
  lockWait?: RecomputeDeps["lockWait"];
}) => {
  const backends = options.backends ?? inMemoryBackends();
  const config = envSchema.parse({ ...options.env });
  const log = createLogger({ service: "ranking-service", level: options.logLevel ?? "error" });
  const metrics = new MetricsRegistry();
  const service = composeRankingService(
    {
      dailySelections: backends.dailySelections,
      rankings: backends.rankings,
      countryStats: backends.countryStats,
      publisher: backends.publisher,
      lock: inMemoryLock(options.clock, backends.locks).lock,
      adminToken: async () => ADMIN_TOKEN,
      userHashSalt: async () => SALT,
    },
    config,
    {
      log,
      clock: options.clock,
      metrics,
      replica: options.replica ?? "replica-1",
      ...(options.clockOverride ? { clockOverride: options.clockOverride } : {}),
      lockWait: options.lockWait ?? { attempts: 3, delayMs: 0, sleep: async () => {} },
    },
  );
  const app = createApp({
    version: "test",
    log,
    clock: options.clock,
    metrics,
    appToken: APP_TOKEN,
    corsOrigins: [],
    legacyClientCompat: config.LEGACY_CLIENT_COMPAT,
    checks: [],
    subscriptions: [],
    crons: service.crons,
    selections: service.selections,
    peerAddress: () => "192.0.2.1",
    reads: service.reads,
    admin: service.admin,
  });
  return { app, service, backends, metrics, config };
};

/** A metric's value summed over label sets whose labels include `labels`. */
export const metricValue = (metrics: MetricsRegistry, name: string, labels: Record<string, string> = {}) =>
  metrics
    .render()
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
