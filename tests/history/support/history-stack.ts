/**
 * What the history suite needs from the running stack: tokens, the data the ingestor backfills, an
 * analysis run on demand, and expectations computed straight from MariaDB (independently of the service's
 * SQL: CONVERT_TZ for KST days, UNIX_TIMESTAMP for intraday buckets, window functions for open/close).
 */
import { getJson, mariadb, STACK, secrets, waitFor } from "../../support/stack.ts";

export const tokens = () => {
  const s = secrets();
  return {
    admin: s["admin-token"] as string,
    app: s["app-api-token"] as string,
    dapr: s["dapr-api-token"] as string,
  };
};

export const historyApi = (path: string) => getJson(`${STACK.history}${path}`);

/** `YYYY-MM-DD HH:MM:SS.fff` (UTC) for a DATETIME(3) value in test SQL. */
export const sqlInstant = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/** The 200 answer of `POST /api/v1/ingest/backfill`: the envelope's data and timestamp. */
export interface BackfillAnswer {
  data: {
    from: string;
    to: string;
    business_days: number;
    currencies: number;
    run: {
      run_id: string;
      trigger: string;
      provider: string;
      status: string;
      inserted: number;
      skipped: number;
      rejected: number;
    };
  };
  timestamp: string;
}

/**
 * A 365-day backfill through the data-ingestor (idempotent), then one live ingestion. The provider's
 * circuit breaker may still be open from an earlier suite's faults (it half-opens after 60 s), so
 * both are retried until they succeed. Returns the backfill call that answered 200.
 */
export const backfillYear = async (): Promise<BackfillAnswer> => {
  const auth = { authorization: `Bearer ${tokens().admin}` };
  const post = (path: string) =>
    getJson(`${STACK.ingestor}${path}`, {
      method: "POST",
      headers: auth,
      signal: AbortSignal.timeout(120_000),
    });
  let last = "";
  return waitFor(
    "a 365-day backfill and one ingestion run",
    async () => {
      const backfill = await post("/api/v1/ingest/backfill?days=365");
      const run = backfill.status === 200 ? await post("/api/v1/ingest/run") : undefined;
      last = JSON.stringify({ backfill: backfill.body, run: run?.body });
      return run?.status === 200 ? (backfill.body as BackfillAnswer) : undefined;
    },
    { timeoutMs: 150_000, intervalMs: 5000 },
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; last answers: ${last.slice(0, 800)}`);
  });
};

/** Runs the daily_stats job now (the admin route), waiting while another run holds the lock. */
export const runAnalysisNow = () =>
  waitFor(
    "a succeeded analysis run",
    async () => {
      const res = await getJson(`${STACK.history}/api/v1/history/analysis/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens().admin}` },
      });
      return res.status === 200 && res.body.data.status === "succeeded" ? res.body.data : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 1000 },
  );

/** KST date of an instant. */
export const kstDate = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const kstMidnight = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 9 * 3_600_000);

const PERIOD_DAYS: Record<string, number> = { "1d": 1, "1w": 7, "1m": 30, "3m": 90, "6m": 180, "1y": 365 };
const BUCKET_SECONDS: Record<string, number> = { "5min": 300, hourly: 3600 };

/** The bucket keys MariaDB has rows for in the window a request at `at` covers. */
export const expectedKeys = (currency: string, period: string, interval: string, at: Date): string[] => {
  const days = PERIOD_DAYS[period] as number;
  if (interval === "daily") {
    const last = kstDate(at);
    const from = kstMidnight(addDays(last, -(days - 1)));
    const to = kstMidnight(addDays(last, 1));
    return mariadb(
      `SELECT DISTINCT DATE(CONVERT_TZ(observed_at, '+00:00', '+09:00')) AS d FROM exchange_rates
       WHERE currency = '${currency}' AND observed_at >= '${sqlInstant(from)}' AND observed_at < '${sqlInstant(to)}' ORDER BY d`,
    ).map((row) => row[0] as string);
  }
  const size = BUCKET_SECONDS[interval] as number;
  const lastStart = Math.floor(at.getTime() / 1000 / size) * size;
  const from = new Date((lastStart - ((days * 86_400) / size - 1) * size) * 1000);
  const to = new Date((lastStart + size) * 1000);
  return mariadb(
    `SET time_zone = '+00:00';
     SELECT DISTINCT FLOOR(UNIX_TIMESTAMP(observed_at) / ${size}) AS b FROM exchange_rates
     WHERE currency = '${currency}' AND observed_at >= '${sqlInstant(from)}' AND observed_at < '${sqlInstant(to)}' ORDER BY b`,
  ).map((row) => new Date(Number(row[0]) * size * 1000).toISOString());
};

export interface DayAggregate {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  average: number;
  samples: number;
}

/** A `date, open, high, low, close, average, samples` row of the mariadb client, as a DayAggregate. */
export const dayAggregateOf = ([date, o, h, l, c, a, n]: unknown[]): DayAggregate => ({
  date: date as string,
  open: Number(o),
  high: Number(h),
  low: Number(l),
  close: Number(c),
  average: Number(a),
  samples: Number(n),
});

/** Per KST day OHLC straight from the raw rows of `currency`, days `first..last` inclusive. */
export const rawDailyAggregates = (currency: string, first: string, last: string): DayAggregate[] =>
  mariadb(
    `SELECT d, o, h, l, c, a, n FROM (
       SELECT DATE(CONVERT_TZ(observed_at, '+00:00', '+09:00')) AS d,
         FIRST_VALUE(rate) OVER w_asc AS o,
         FIRST_VALUE(rate) OVER w_desc AS c,
         MAX(rate) OVER w AS h, MIN(rate) OVER w AS l, AVG(rate) OVER w AS a, COUNT(*) OVER w AS n,
         ROW_NUMBER() OVER w_asc AS rn
       FROM exchange_rates
       WHERE currency = '${currency}' AND observed_at >= '${sqlInstant(kstMidnight(first))}'
         AND observed_at < '${sqlInstant(kstMidnight(addDays(last, 1)))}'
       WINDOW w AS (PARTITION BY DATE(CONVERT_TZ(observed_at, '+00:00', '+09:00'))),
         w_asc AS (PARTITION BY DATE(CONVERT_TZ(observed_at, '+00:00', '+09:00')) ORDER BY observed_at, id),
         w_desc AS (PARTITION BY DATE(CONVERT_TZ(observed_at, '+00:00', '+09:00')) ORDER BY observed_at DESC, id DESC)
     ) days WHERE rn = 1 ORDER BY d`,
  ).map(dayAggregateOf);
