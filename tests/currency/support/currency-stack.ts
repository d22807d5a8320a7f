/**
 * What the currency suite needs of the running stack: the app, its sidecar (cache state, publish, SQL
 * binding) and rows in `exchange_rates` — from the ingestor when it runs, else seeded by this suite.
 */

import { afterAll, beforeAll } from "bun:test";
import {
  applyMigrations,
  createLogger,
  createSidecar,
  RATE_CACHE_KEYS,
  TOPICS,
  toSqlDateTime,
} from "@trip/shared";
import { getJson, mariadb, STACK, secrets, waitFor } from "../../support/stack.ts";

export const SEED_PROVIDER = "currency-it";
const sidecarUrl = STACK.sidecars.currency;
const daprHeaders = () => ({
  "dapr-api-token": secrets()["dapr-api-token"] ?? "",
  "content-type": "application/json",
});
const sidecar = () => createSidecar({ baseUrl: sidecarUrl, apiToken: secrets()["dapr-api-token"] });

/** GET on currency-service, parsed. */
export const currency = (path: string) => getJson(`${STACK.currency}${path}`);

export const waitForCurrencyReady = () =>
  waitFor("currency-service /ready", async () => (await fetch(`${STACK.currency}/ready`)).ok, {
    timeoutMs: 60_000,
  });

/**
 * The hooks every currency suite needs: wait for currency-service, make sure rates are stored (seeding
 * them when no ingestor runs) and remove what was seeded afterwards — after `cleanUp`, if given.
 */
export const withStoredRates = (cleanUp: () => void = () => {}): void => {
  let prepared: Awaited<ReturnType<typeof ensureRates>>;
  beforeAll(async () => {
    await waitForCurrencyReady();
    prepared = await ensureRates();
  }, 90_000);
  afterAll(async () => {
    cleanUp();
    if (prepared === "seeded") await removeSeededRates();
  });
};

/** The newest stored rate of `code` (KRW per 1 unit), straight from MariaDB. */
export const storedLatest = (code: string): { rate: number; observedAt: string } | undefined => {
  const row = mariadb(
    `SELECT rate, ROUND(UNIX_TIMESTAMP(observed_at) * 1000) FROM exchange_rates WHERE currency = '${code}' ORDER BY observed_at DESC, collected_at DESC LIMIT 1`,
  )[0];
  return row && { rate: Number(row[0]), observedAt: new Date(Number(row[1])).toISOString() };
};

const rowCount = (): number => {
  try {
    return Number(mariadb("SELECT COUNT(*) FROM exchange_rates")[0]?.[0] ?? 0);
  } catch {
    return 0; // the table does not exist yet: nothing has been ingested
  }
};

/**
 * Makes sure USD, JPY and EUR have rows: already there, or one ingestion run (admin token), or — when no
 * ingestor answers — rows seeded through the currency sidecar's SQL binding (provider `currency-it`).
 */
export const ensureRates = async (): Promise<"present" | "ingested" | "seeded"> => {
  if (["USD", "JPY", "EUR"].every((code) => storedLatest(code) !== undefined)) return "present";
  const run = await fetch(`${STACK.ingestor}/api/v1/ingest/run`, {
    method: "POST",
    headers: { authorization: `Bearer ${secrets()["admin-token"]}` },
  }).catch(() => undefined);
  if (run?.ok) {
    await waitFor("ingested rows", async () => rowCount() > 0, { timeoutMs: 30_000 });
    return "ingested";
  }
  const db = sidecar().sql("trip-db");
  await applyMigrations(db, createLogger({ service: "currency-it", sink: () => {} }), new Date());
  const observed = new Date(Date.now() - 60_000);
  for (const [code, rate, unit] of [
    ["USD", 1392.4, 1],
    ["JPY", 9.3125, 100],
    ["EUR", 1501.2, 1],
  ] as const) {
    await db.exec(
      "INSERT IGNORE INTO exchange_rates (currency, base, rate, tts, ttb, unit, provider, observed_at, collected_at, batch_id) VALUES (?, 'KRW', ?, NULL, NULL, ?, ?, ?, ?, ?)",
      [
        code,
        rate,
        unit,
        SEED_PROVIDER,
        toSqlDateTime(observed),
        toSqlDateTime(observed),
        `${SEED_PROVIDER}-seed`,
      ],
    );
  }
  return "seeded";
};

/** Removes what `ensureRates` seeded (rows and any cache entry made from them). */
export const removeSeededRates = async (): Promise<void> => {
  const db = sidecar().sql("trip-db");
  await db.exec("DELETE FROM exchange_rates WHERE provider = ?", [SEED_PROVIDER]);
  const cache = sidecar().state("cache");
  for (const key of [RATE_CACHE_KEYS.latest, ...["USD", "JPY", "EUR"].map(RATE_CACHE_KEYS.rate)]) {
    const entry = await cache.get<{ provider?: string }>(key);
    if (entry?.value.provider === SEED_PROVIDER) await cache.delete(key);
  }
};

/** The cache entry at `key` through the sidecar's state API, or undefined. */
export const cacheEntry = async (key: string) =>
  (await sidecar().state("cache").get<Record<string, unknown>>(key))?.value;

export const deleteCacheKeys = async (keys: readonly string[]): Promise<void> => {
  for (const key of keys) {
    const res = await fetch(`${sidecarUrl}/v1.0/state/cache/${encodeURIComponent(key)}`, {
      method: "DELETE",
      headers: daprHeaders(),
    });
    if (!res.ok) throw new Error(`deleting ${key}: ${res.status}`);
  }
};

/** Publishes `exchange-rates.updated` through the currency sidecar's publish API. */
export const publishRatesUpdated = async (data: unknown): Promise<void> => {
  const res = await fetch(`${sidecarUrl}/v1.0/publish/pubsub/${TOPICS.ratesUpdated}`, {
    method: "POST",
    headers: daprHeaders(),
    body: JSON.stringify(data),
  });
  if (!res.ok) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
};
