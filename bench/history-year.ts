/**
 * 4. History on a year of data: loads one year of 2-minute rates (262,800 rows per currency) for every
 * supported currency through the data-ingestor's sidecar (`bindings.mysql`, multi-row INSERT IGNORE with
 * bound parameters) and reports the load rate; refreshes history's daily aggregates; then queries
 * period=1y and period=1m for 10 currencies at 16 connections and reports p99. Rows are tagged
 * provider='bench' and removed afterwards, and the daily aggregates of their window restored, unless
 * `keep` is set.
 */
import { FOREIGN_CURRENCY_CODES, kstDateOf } from "@trip/shared";
import { round, runLoad } from "./lib/load.ts";
import type { BenchResult } from "./lib/result.ts";
import { secrets, URLS } from "./lib/stack.ts";

const STEP_MS = 120_000;
const YEAR_STEPS = 365 * 720;
const ROWS_PER_STATEMENT = 1000;
const PARALLEL = 4;

const sqlDateTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

/** One statement through the ingestor's `trip-db` binding; answers how many rows it affected. */
const execCount = async (token: string, sql: string, params: unknown[]): Promise<number> => {
  const res = await fetch(`${URLS.ingestorSidecar}/v1.0/bindings/trip-db`, {
    method: "POST",
    headers: { "content-type": "application/json", "dapr-api-token": token },
    body: JSON.stringify({ operation: "exec", metadata: { sql, params: JSON.stringify(params) } }),
  });
  if (!res.ok) throw new Error(`bindings.mysql exec → ${res.status}: ${(await res.text()).slice(0, 200)}`);
  // Dapr returns a binding's response metadata as `metadata.*` headers.
  return Number(res.headers.get("metadata.rows-affected") ?? 0);
};

const exec = async (token: string, sql: string, params: unknown[]): Promise<void> => {
  await execCount(token, sql, params);
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

const loadYear = async (token: string, currencies: readonly string[], endMs: number) => {
  const started = performance.now();
  let rows = 0;
  const statements: { sql: string; params: unknown[] }[] = [];
  const flush = async () => {
    await Promise.all(statements.splice(0).map((s) => exec(token, s.sql, s.params)));
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

const runAnalysis = async () => {
  const res = await fetch(`${URLS.history}/api/v1/history/analysis/run`, {
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
  // End a day ago, on a 2-minute step, so the rows never collide with live ingestion.
  const endMs = Math.floor((Date.now() - 86_400_000) / STEP_MS) * STEP_MS;
  // BENCH_HISTORY_SKIP_LOAD=1 reuses rows a previous run kept (provider 'bench').
  const loading = process.env.BENCH_HISTORY_SKIP_LOAD !== "1";
  // history's job folds new rows into daily_stats but never notices deleted ones: the aggregates of the
  // bench window are kept aside before the load and put back after the rows are deleted.
  const window = [kstDateOf(new Date(endMs - YEAR_STEPS * STEP_MS)), kstDateOf(new Date(endMs))];
  const saved = loading && !keep;
  if (saved) {
    await exec(token, "DROP TABLE IF EXISTS bench_daily_stats_saved", []);
    await exec(
      token,
      "CREATE TABLE bench_daily_stats_saved AS SELECT * FROM daily_stats WHERE kst_date BETWEEN ? AND ?",
      window,
    );
  }
  const measure = async () => {
    const load = loading ? await loadYear(token, loaded, endMs) : { rows: 0, seconds: Number.NaN };
    const analysisStarted = performance.now();
    await runAnalysis();
    const analysisSeconds = (performance.now() - analysisStarted) / 1000;
    const targets = FOREIGN_CURRENCY_CODES.slice(0, 10);
    const paths = targets.flatMap((t) => [
      `/api/v1/history?target=${t}&period=1y`,
      `/api/v1/history?target=${t}&period=1m`,
    ]);
    const query = await runLoad({ url: `${URLS.history}/`, paths, connections: 16, duration: seconds });
    return { load, analysisSeconds, query };
  };
  let measured: Awaited<ReturnType<typeof measure>>;
  try {
    measured = await measure();
  } finally {
    // Also after a failure: the bench rows never stay in the stack's history unless asked to.
    if (!keep) {
      for (const currency of loaded) {
        for (let deleted = true; deleted; ) {
          deleted = await execCount(
            token,
            "DELETE FROM exchange_rates WHERE provider = 'bench' AND currency = ? LIMIT 50000",
            [currency],
          ).then((n) => n > 0);
        }
      }
      if (saved) {
        await exec(token, "DELETE FROM daily_stats WHERE kst_date BETWEEN ? AND ?", window);
        await exec(token, "INSERT INTO daily_stats SELECT * FROM bench_daily_stats_saved", []);
        await exec(token, "DROP TABLE bench_daily_stats_saved", []);
      }
      await runAnalysis();
    }
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
