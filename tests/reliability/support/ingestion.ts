/** Driving data-ingestor and the FX sandbox, and reading what ingestion stored (tests only read MariaDB). */
import { mariadb } from "../../support/stack.ts";
import { type Answer, bearer, getJson, type Json, postJson, send } from "./client.ts";
import { STACK, tokens } from "./stack-env.ts";

export type SandboxMode = "normal" | "error" | "garbage" | "slow" | "http500" | "empty";

export const setSandboxMode = async (mode: SandboxMode, slowMs?: number): Promise<void> => {
  const answer = await postJson(
    `${STACK.fxSandbox}/__control`,
    slowMs === undefined ? { mode } : { mode, slowMs },
  );
  if (answer.status !== 200) throw new Error(`sandbox control answered ${answer.status}: ${answer.text}`);
};

/** The sandbox's current misbehaviour switch. */
export const sandboxMode = async (): Promise<string> =>
  (await getJson(`${STACK.fxSandbox}/__control`)).json?.mode;

/** Moves the sandbox market to its next 2-minute snapshot, so the next run has something new to store. */
export const advanceSandbox = async (ms = 120_000): Promise<void> => {
  const answer = await postJson(`${STACK.fxSandbox}/__clock`, { advanceMs: ms });
  if (answer.status !== 200) throw new Error(`sandbox clock answered ${answer.status}: ${answer.text}`);
};

/** `POST /api/v1/ingest/run` with the admin token (a run outside the schedule). */
export const runIngestion = (url = STACK.ingestor): Promise<Answer> =>
  send(`${url}/api/v1/ingest/run`, { method: "POST", headers: bearer(tokens().admin), timeoutMs: 60_000 });

/** The run an answer describes: `data` on 200, `error.details.run` on a failed run's 503. */
export const runOf = (answer: Answer): Json =>
  answer.json?.data?.run_id ? answer.json.data : answer.json?.error?.details?.run;

export interface StoredRates {
  rows: number;
  maxId: number;
  latestObservedAt: string;
}

export const storedRates = (): StoredRates => {
  const [row] = mariadb(
    "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(observed_at), '') FROM exchange_rates",
  );
  return { rows: Number(row?.[0]), maxId: Number(row?.[1]), latestObservedAt: String(row?.[2]) };
};

/** `ingest_runs` row of one run: [status, error, inserted]. */
export const recordedRun = (
  runId: string,
): { status: string; error: string; inserted: number } | undefined => {
  if (!/^[\w-]+$/.test(runId)) throw new Error(`unexpected run id ${runId}`);
  const [row] = mariadb(
    `SELECT status, COALESCE(error, ''), inserted FROM ingest_runs WHERE run_id = '${runId}'`,
  );
  return row ? { status: String(row[0]), error: String(row[1]), inserted: Number(row[2]) } : undefined;
};

/** exchange_rates rows observed at one instant (ISO-8601 from a run answer). */
export const rowsObservedAt = (iso: string): number => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`not an instant: ${iso}`);
  const sql = at.toISOString().replace("T", " ").slice(0, 23);
  return Number(mariadb(`SELECT COUNT(*) FROM exchange_rates WHERE observed_at = '${sql}'`)[0]?.[0] ?? 0);
};

/** Rows that would break the unique observation key (must always be zero). */
export const duplicateRateRows = (): number =>
  Number(
    mariadb(
      "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM exchange_rates GROUP BY currency, provider, observed_at HAVING n > 1) d",
    )[0]?.[0] ?? 0,
  );

/** What currency-service serves for USD right now: its rate and when it was observed. */
export const servedUsd = async (): Promise<{
  status: number;
  rate: number;
  lastUpdated: string;
  source: string;
}> => {
  const answer = await getJson(`${STACK.currency}/api/v1/currencies/latest?symbols=USD`);
  return {
    status: answer.status,
    rate: answer.json?.data?.rates?.USD,
    lastUpdated: answer.json?.data?.last_updated,
    source: answer.json?.data?.source,
  };
};
