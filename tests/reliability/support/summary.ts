/**
 * The run's summary: one row per scenario, written to `.run/reliability-summary.json` as soon as the
 * scenario ends (so a crash still leaves the rows so far), printed as a table by the last test of reliability.test.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../../support/stack.ts";
import { requestCount } from "./client.ts";

export const SUMMARY_FILE = join(REPO_ROOT, ".run", "reliability-summary.json");

export type Outcome = "passed" | "failed" | "not run";

export interface SummaryRow {
  area: "fault" | "input" | "access" | "load" | "secrets" | "schedule";
  scenario: string;
  outcome: Outcome;
  faultsInjected: number;
  faultsSurvived: number;
  inputsTried: number;
  requests: number;
  dataLost: number;
  note: string;
}

interface SummaryFile {
  run: string;
  soak: boolean;
  startedAt: string;
  rows: SummaryRow[];
}

export const SOAK = process.env.SOAK === "1";

// One bun process runs every file of the suite: the first import starts a fresh summary for this run.
const summary: SummaryFile = {
  run: `${process.pid}-${Date.now()}`,
  soak: SOAK,
  startedAt: new Date().toISOString(),
  rows: [],
};

const save = () => {
  mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
  writeFileSync(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
};
save();

export const summaryRows = (): readonly SummaryRow[] => summary.rows;

/** Reads the file back (what a later process or the lead would see). */
export const readSummaryFile = (): SummaryFile =>
  JSON.parse(readFileSync(SUMMARY_FILE, "utf8")) as SummaryFile;

export const recordRow = (row: SummaryRow): void => {
  summary.rows.push(row);
  save();
};

/** What a scenario fills in while it runs; `requests` is counted by the client module. */
export interface Tally {
  faultsInjected: number;
  faultsSurvived: number;
  inputsTried: number;
  dataLost: number;
  notes: string[];
}

/**
 * Runs one scenario and records its row whatever happens: `failed` when it throws (the error is rethrown
 * so the test fails), `passed` otherwise.
 * @example await scenario("fault", "Redis stopped", async (t) => { t.faultsInjected++; ... });
 */
export const scenario = async (
  area: SummaryRow["area"],
  name: string,
  body: (tally: Tally) => Promise<void>,
): Promise<void> => {
  const tally: Tally = { faultsInjected: 0, faultsSurvived: 0, inputsTried: 0, dataLost: 0, notes: [] };
  const requestsBefore = requestCount();
  let outcome: Outcome = "passed";
  try {
    await body(tally);
  } catch (err) {
    outcome = "failed";
    tally.notes.push(`failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    throw err;
  } finally {
    recordRow({
      area,
      scenario: name,
      outcome,
      faultsInjected: tally.faultsInjected,
      faultsSurvived: tally.faultsSurvived,
      inputsTried: tally.inputsTried,
      requests: requestCount() - requestsBefore,
      dataLost: tally.dataLost,
      note: tally.notes.join("; "),
    });
  }
};

/** A scenario that cannot run in this stack (e.g. the Kafka fault under the local profile). */
export const recordNotRun = (area: SummaryRow["area"], name: string, reason: string): void =>
  recordRow({
    area,
    scenario: name,
    outcome: "not run",
    faultsInjected: 0,
    faultsSurvived: 0,
    inputsTried: 0,
    requests: 0,
    dataLost: 0,
    note: reason,
  });
