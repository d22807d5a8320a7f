/**
 * What the ingestion suite needs from the running stack: the ingestor's admin routes, the FX sandbox's
 * misbehaviour switch, and direct reads of MariaDB and Redis to verify what a run stored.
 * URLs come from tests/support/stack.ts (overridable by env).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { latestRatesSnapshotSchema, RATE_CACHE_KEYS } from "@trip/shared";
import type { Profile } from "../../../scripts/lib/render-resources.ts";
import { redisCommand } from "../../infra/support/redis-cli.ts";
import { getJson, mariadb, REPO_ROOT, STACK, secrets, waitFor } from "../../support/stack.ts";

export interface RunJson {
  run_id: string;
  trigger: string;
  status: string;
  provider: string;
  fetched: number;
  inserted: number;
  skipped: number;
  rejected: number;
  observed_at: string | null;
  batch_id: string | null;
  published: boolean;
  error: string | null;
  note: string | null;
}

/** The pub/sub profile of the running stack: env STACK_PROFILE, else what scripts/up.sh recorded. */
export const stackProfile = (): Profile => {
  const recorded = join(REPO_ROOT, ".run", "profile");
  const named =
    process.env.STACK_PROFILE ?? (existsSync(recorded) ? readFileSync(recorded, "utf8").trim() : "local");
  return named === "kafka" ? "kafka" : "local";
};

export const ingestor = (path: string, init?: RequestInit) => getJson(`${STACK.ingestor}${path}`, init);

/** A fresh W3C trace id: sent with a request, it reappears in the CloudEvents that request published. */
export const newTraceId = (): string => crypto.randomUUID().replaceAll("-", "");

export const asAdmin = (traceId = newTraceId()): RequestInit => ({
  method: "POST",
  headers: {
    Authorization: `Bearer ${secrets()["admin-token"]}`,
    traceparent: `00-${traceId}-${traceId.slice(0, 16)}-01`,
  },
});

const runOnce = async (traceId?: string): Promise<{ status: number; run: RunJson; code?: string }> => {
  const { status, body } = await ingestor("/api/v1/ingest/run", asAdmin(traceId));
  if (status === 200) return { status, run: body.data as RunJson };
  return { status, run: body.error?.details?.run as RunJson, code: body.error?.code };
};

/**
 * `POST /api/v1/ingest/run` as admin: the recorded run, whether it succeeded (200) or failed (503). A run
 * `skipped` because another run held the lock (a replica's tick, or a lock left by a crashed run until it
 * expires) is repeated.
 */
export const runNow = async (traceId?: string): Promise<{ status: number; run: RunJson; code?: string }> =>
  waitFor(
    "a run that was not skipped",
    async () => {
      const answer = await runOnce(traceId);
      return answer.run?.status === "skipped" ? undefined : answer;
    },
    { timeoutMs: 90_000, intervalMs: 1_000 },
  );

export const waitForIngestorReady = () =>
  waitFor("data-ingestor /ready", async () => (await ingestor("/ready")).status === 200, {
    timeoutMs: 60_000,
  });

/**
 * Runs until one does not fail: after provider faults (this suite's or an earlier one's) the sidecar's
 * circuit breaker for `fx-provider` stays open for a minute.
 */
export const waitForProviderRecovered = (): Promise<RunJson> =>
  waitFor(
    "an ingestion run that does not fail",
    async () => {
      const { run } = await runNow();
      return run.status === "failed" ? undefined : run;
    },
    { timeoutMs: 100_000, intervalMs: 5_000 },
  );

/** Switches the sandbox's behaviour for every later provider request (normal, garbage, error, slow, …). */
export const setSandboxMode = async (mode: string, slowMs?: number): Promise<void> => {
  const res = await fetch(`${STACK.fxSandbox}/__control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(slowMs === undefined ? { mode } : { mode, slowMs }),
  });
  if (!res.ok) throw new Error(`sandbox control ${mode}: HTTP ${res.status}`);
};

/** The instant of the sandbox's current ExchangeRate-API snapshot (a new one every 2-minute step). */
export const currentSnapshotInstant = async (): Promise<Date> => {
  const { body } = await getJson(`${STACK.fxSandbox}/v6/latest/KRW`);
  return new Date((body.time_last_update_unix as number) * 1000);
};

/** `YYYY-MM-DD HH:MM:SS.fff` (UTC) for a DATETIME(3) comparison in test SQL. */
export const sqlInstant = (d: Date): string => d.toISOString().replace("T", " ").replace("Z", "");

/** Stored rows of one snapshot of one provider. */
export const storedRowCount = (provider: string, observedAt: Date): number =>
  Number(
    mariadb(
      `SELECT COUNT(*) FROM exchange_rates WHERE provider = '${provider}' AND observed_at = '${sqlInstant(observedAt)}'`,
    )[0]?.[0] ?? 0,
  );

/** The newest observation a provider has stored (undefined before its first row). */
export const newestStoredInstant = (provider: string): Date | undefined => {
  const [[newest] = []] = mariadb(
    `SELECT MAX(observed_at) FROM exchange_rates WHERE provider = '${provider}'`,
  );
  // DATETIME(3) text, UTC (as sqlInstant writes it).
  return newest === undefined || newest === "NULL" ? undefined : new Date(`${newest.replace(" ", "T")}Z`);
};

/** The rows of one snapshot of one provider: currency → rate (DECIMAL text) and batch id. */
export const storedSnapshot = (
  provider: string,
  observedAt: Date,
): Map<string, { rate: string; batchId: string }> =>
  new Map(
    mariadb(
      `SELECT currency, rate, batch_id FROM exchange_rates
       WHERE provider = '${provider}' AND observed_at = '${sqlInstant(observedAt)}'`,
    ).map(([currency, rate, batchId]) => [
      currency as string,
      { rate: rate as string, batchId: batchId as string },
    ]),
  );

/** The succeeded runs recorded for one snapshot of one provider: [run_id, inserted, batch_id]. */
export const runsThatStored = (provider: string, observedAt: Date): string[][] =>
  mariadb(
    `SELECT run_id, inserted, batch_id FROM ingest_runs
     WHERE provider = '${provider}' AND observed_at = '${sqlInstant(observedAt)}' AND status = 'succeeded'`,
  );

/** GET on currency-service, parsed. */
export const currencyApi = (path: string) => getJson(`${STACK.currency}${path}`);

/**
 * A stored rate as `GET /api/v1/currencies/latest` documents it (services/currency/README.md): 8 decimal
 * places, or 8 significant digits below 1.
 */
export const asServedRate = (stored: string): number => {
  const value = Number(stored);
  return Math.abs(value) >= 1 ? Number(value.toFixed(8)) : Number(value.toPrecision(8));
};

/** What the rest of the suite compares before and after a failing run. */
export const storedFingerprint = () => {
  const [row] = mariadb("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM exchange_rates");
  return { rows: row?.[0], maxId: row?.[1] };
};

/** The value Dapr stores for a state key (a Redis hash: `data` holds the JSON). */
export const cachedValue = async (key: string): Promise<unknown> => {
  const raw = await redisCommand("--raw", "HGET", key, "data");
  return raw === "" ? undefined : JSON.parse(raw);
};

/** The batch `rates:latest` currently points at (undefined when the key is absent). */
export const latestCachedBatch = async (): Promise<string | undefined> =>
  latestRatesSnapshotSchema.safeParse(await cachedValue(RATE_CACHE_KEYS.latest)).data?.batch_id;

export const cachedTtl = async (key: string): Promise<number> =>
  Number(await redisCommand("--raw", "TTL", key));

export const runRecord = (runId: string): string[] | undefined =>
  mariadb(`SELECT status, COALESCE(error, ''), inserted FROM ingest_runs WHERE run_id = '${runId}'`)[0];
