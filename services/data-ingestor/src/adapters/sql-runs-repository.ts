import { decimal, type SqlDatabase, utcDateTime } from "@trip/shared";
import { PROVIDER_NAMES } from "../config.ts";
import { type IngestRun, RUN_STATUSES, RUN_TRIGGERS } from "../domain/ingest-run.ts";
import type { RunsRepository, RunTotals } from "../use-cases/ports.ts";

const RUN_COLUMNS = `run_id, tick_key, trigger_kind, provider, status, started_at, finished_at, fetched, inserted,
  skipped, rejected, observed_at, batch_id, published, error, note`;

type RunRow = Record<string, unknown>;

const oneOf = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;
const optionalDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : utcDateTime(value);
// The binding returns a NULL VARCHAR as "" and leaves NULL DATETIME columns out; we never store "".
const optionalText = (value: unknown): string | null =>
  value === null || value === undefined || value === "" ? null : String(value);

const runOf = (row: RunRow): IngestRun => ({
  runId: String(row.run_id),
  tickKey: optionalText(row.tick_key),
  trigger: oneOf(RUN_TRIGGERS, row.trigger_kind, "manual"),
  provider: oneOf(PROVIDER_NAMES, row.provider, "exchangerate-api"),
  status: oneOf(RUN_STATUSES, row.status, "running"),
  startedAt: utcDateTime(row.started_at),
  finishedAt: optionalDate(row.finished_at),
  fetched: Number(row.fetched ?? 0),
  inserted: Number(row.inserted ?? 0),
  skipped: Number(row.skipped ?? 0),
  rejected: Number(row.rejected ?? 0),
  observedAt: optionalDate(row.observed_at),
  batchId: optionalText(row.batch_id),
  published: Number(row.published ?? 0) === 1 || row.published === true,
  error: optionalText(row.error),
  note: optionalText(row.note),
});

const clip = (text: string | null, max: number): string | null => (text === null ? null : text.slice(0, max));

// SUM() is DECIMAL, which daprd 1.16's bindings.mysql hands over as raw bytes (see shared sql.ts):
// every sum is cast to a signed integer in SQL.
const TOTALS_SQL = `SELECT COUNT(*) AS runs,
  CAST(COALESCE(SUM(status = 'succeeded'), 0) AS SIGNED) AS succeeded,
  CAST(COALESCE(SUM(status = 'partial'), 0) AS SIGNED) AS partial,
  CAST(COALESCE(SUM(status = 'unchanged'), 0) AS SIGNED) AS unchanged,
  CAST(COALESCE(SUM(status = 'failed'), 0) AS SIGNED) AS failed,
  CAST(COALESCE(SUM(status = 'skipped'), 0) AS SIGNED) AS skipped,
  CAST(COALESCE(SUM(inserted), 0) AS SIGNED) AS rows_inserted,
  CAST(COALESCE(SUM(skipped), 0) AS SIGNED) AS rows_skipped,
  CAST(COALESCE(SUM(rejected), 0) AS SIGNED) AS rows_rejected
  FROM ingest_runs`;

/** `ingest_runs` through the `trip-db` binding. The INSERT IGNORE of `claim` is where a tick is won. */
export const sqlRunsRepository = (db: SqlDatabase): RunsRepository => ({
  async claim(run) {
    const { rowsAffected } = await db.exec(
      `INSERT IGNORE INTO ingest_runs (run_id, tick_key, trigger_kind, provider, status, started_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [run.runId, run.tickKey, run.trigger, run.provider, run.status, run.startedAt],
    );
    return rowsAffected === 1;
  },
  async finish(run) {
    await db.exec(
      `UPDATE ingest_runs SET status = ?, finished_at = ?, fetched = ?, inserted = ?, skipped = ?, rejected = ?,
       observed_at = ?, batch_id = ?, published = ?, error = ?, note = ? WHERE run_id = ?`,
      [
        run.status,
        run.finishedAt,
        run.fetched,
        run.inserted,
        run.skipped,
        run.rejected,
        run.observedAt,
        run.batchId,
        run.published ? 1 : 0,
        clip(run.error, 1024),
        clip(run.note, 512),
        run.runId,
      ],
    );
  },
  async unpublished(since) {
    // A run that stored rows but not its event always ends `partial` (ix_ingest_status_started).
    const rows = await db.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM ingest_runs
       WHERE status = 'partial' AND started_at >= ? AND published = 0 AND inserted > 0 AND batch_id IS NOT NULL
       ORDER BY started_at`,
      [since],
    );
    return rows.map(runOf);
  },
  async markPublished(runId, note) {
    await db.exec(
      `UPDATE ingest_runs SET published = 1, note = LEFT(CONCAT_WS('; ', NULLIF(note, ''), ?), 512)
       WHERE run_id = ? AND published = 0`,
      [note, runId],
    );
  },
  async latest(trigger) {
    const rows = trigger
      ? await db.query<RunRow>(
          `SELECT ${RUN_COLUMNS} FROM ingest_runs WHERE trigger_kind = ? ORDER BY started_at DESC LIMIT 1`,
          [trigger],
        )
      : await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ingest_runs ORDER BY started_at DESC LIMIT 1`);
    return rows[0] ? runOf(rows[0]) : undefined;
  },
  async latestSuccess() {
    const rows = await db.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM ingest_runs WHERE status IN ('succeeded', 'partial')
       ORDER BY started_at DESC LIMIT 1`,
    );
    return rows[0] ? runOf(rows[0]) : undefined;
  },
  async totals(): Promise<RunTotals> {
    const [row = {}] = await db.query<RunRow>(TOTALS_SQL);
    const n = (key: string) => decimal(row[key] ?? 0) ?? 0;
    return {
      runs: n("runs"),
      byStatus: {
        succeeded: n("succeeded"),
        partial: n("partial"),
        unchanged: n("unchanged"),
        failed: n("failed"),
        skipped: n("skipped"),
      },
      rowsInserted: n("rows_inserted"),
      rowsSkipped: n("rows_skipped"),
      rowsRejected: n("rows_rejected"),
    };
  },
});
