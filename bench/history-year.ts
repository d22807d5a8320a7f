/**
 * 4. History on a year of data: loads one year of 2-minute rates (262,800 rows per currency) for every
 * supported currency through a sidecar's `bindings.mysql` (multi-row INSERT IGNORE with bound
 * parameters) and reports the load rate; runs history's daily aggregation over them; then queries
 * period=1y and period=1m for 10 currencies at 16 connections and reports p99.
 * All of it happens on a private history-service whose database is a scratch one on the same MariaDB
 * (lib/private-history.ts): the stack's history, which users see, never holds a benchmark row. The
 * scratch database is dropped afterwards unless `keep` (then BENCH_HISTORY_SKIP_LOAD=1 reuses it).
 */
import { FOREIGN_CURRENCY_CODES } from "@trip/shared";
import { round, runLoad } from "./lib/load.ts";
import { type PrivateHistory, startPrivateHistory } from "./lib/private-history.ts";
import type { BenchResult } from "./lib/result.ts";
import { secrets } from "./lib/stack.ts";

const STEP_MS = 120_000;
const YEAR_STEPS = 365 * 720;
const ROWS_PER_STATEMENT = 1000;
const PARALLEL = 4;

const sqlDateTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

/** One statement through the private sidecar's `trip-db` binding. */
const exec = async (sidecarUrl: string, token: string, sql: string, params: unknown[]): Promise<void> => {
  const res = await fetch(`${sidecarUrl}/v1.0/bindings/trip-db`, {
    method: "POST",
    headers: { "content-type": "application/json", "dapr-api-token": token },
    body: JSON.stringify({ operation: "exec", metadata: { sql, params: JSON.stringify(params) } }),
  });
  if (!res.ok) throw new Error(`bindings.mysql exec → ${res.status}: ${(await res.text()).slice(0, 200)}`);
};

/** A seeded multiplicative walk: deterministic, realistic enough for query timing. */
const walk = (seed: number, start: number) => {
  let state = seed >>> 0 || 1;
  let value = start;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    value *= 1 + ((state >>> 0) / 0xffffffff - 0.5) * 0.0008;
    return value;
  };
};

const loadYear = async (
  history: PrivateHistory,
  token: string,
  currencies: readonly string[],
  endMs: number,
) => {
  const started = performance.now();
  let rows = 0;
  const statements: { sql: string; params: unknown[] }[] = [];
  const flush = async () => {
    await Promise.all(statements.splice(0).map((s) => exec(history.sidecarUrl, token, s.sql, s.params)));
  };
  for (const [i, currency] of currencies.entries()) {
    const next = walk(i + 7, 100 + i * 37);
    for (let from = 0; from < YEAR_STEPS; from += ROWS_PER_STATEMENT) {
      const params: unknown[] = [];
      const count = Math.min(ROWS_PER_STATEMENT, YEAR_STEPS - from);
      for (let k = 0; k < count; k++) {
        const at = sqlDateTime(endMs - (YEAR_STEPS - (from + k)) * STEP_MS);
        params.push(currency, next().toFixed(8), "bench", at, at, `bench-${currency}`);
      }
      const values = Array.from({ length: count }, () => "(?, ?, ?, ?, ?, ?)").join(", ");
      statements.push({
        sql: `INSERT IGNORE INTO exchange_rates (currency, rate, provider, observed_at, collected_at, batch_id) VALUES ${values}`,
        params,
      });
      rows += count;
      if (statements.length >= PARALLEL) await flush();
    }
  }
  await flush();
  return { rows, seconds: (performance.now() - started) / 1000 };
};

const runAnalysis = async (history: PrivateHistory) => {
  const res = await fetch(`${history.url}/api/v1/history/analysis/run`, {
    method: "POST",
    headers: { authorization: `Bearer ${secrets()["admin-token"]}` },
  });
  if (!res.ok) throw new Error(`history analysis run → ${res.status}`);
};

export const historyYear = async ({
  keep = false,
  seconds = 10,
  currencyCount = FOREIGN_CURRENCY_CODES.length,
} = {}): Promise<BenchResult> => {
  const token = secrets()["dapr-api-token"] ?? "";
  const loaded = FOREIGN_CURRENCY_CODES.slice(0, Math.max(10, currencyCount));
  // A year up to a day ago, on 2-minute steps, as live ingestion would have stored it.
  const endMs = Math.floor((Date.now() - 86_400_000) / STEP_MS) * STEP_MS;
  // BENCH_HISTORY_SKIP_LOAD=1 reuses the rows a previous run kept (BENCH_HISTORY_KEEP=1).
  const loading = process.env.BENCH_HISTORY_SKIP_LOAD !== "1";
  const history = await startPrivateHistory({ reuse: !loading });
  const measure = async () => {
    const load = loading ? await loadYear(history, token, loaded, endMs) : { rows: 0, seconds: Number.NaN };
    const analysisStarted = performance.now();
    await runAnalysis(history);
    const analysisSeconds = (performance.now() - analysisStarted) / 1000;
    const targets = FOREIGN_CURRENCY_CODES.slice(0, 10);
    const paths = targets.flatMap((t) => [
      `/api/v1/history?target=${t}&period=1y`,
      `/api/v1/history?target=${t}&period=1m`,
    ]);
    const query = await runLoad({ url: `${history.url}/`, paths, connections: 16, duration: seconds });
    return { load, analysisSeconds, query };
  };
  let measured: Awaited<ReturnType<typeof measure>>;
  try {
    measured = await measure();
  } finally {
    await history.stop({ keep });
  }
  const { load, analysisSeconds, query } = measured;
  return {
    name: "history on a year of data",
    target: "p99 ≤ 100 ms for period=1y and 1m on 10 currencies at 16 connections",
    met: query.latency_ms.p99 <= 100 && query.non2xx === 0,
    figures: {
      currencies_loaded: loaded.length,
      rows_loaded: load.rows,
      load_seconds: round(load.seconds, 1),
      load_rows_per_s: Math.round(load.rows / load.seconds),
      analysis_seconds: round(analysisSeconds, 1),
      query_rps: Math.round(query.rps_mean),
      p50_ms: query.latency_ms.p50,
      p99_ms: query.latency_ms.p99,
      non2xx: query.non2xx,
    },
  };
};
