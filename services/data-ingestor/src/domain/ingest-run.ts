import type { ProviderName } from "../config.ts";

/**
 * How a run ended. `succeeded`: new rows stored, cache written, event published. `partial`: rows stored
 * but the cache write or the publish failed. `unchanged`: nothing new (same snapshot, or the provider
 * published nothing). `failed`: nothing stored (provider or storage failure). `skipped`: another run
 * held the lock. `running`: not finished (or the process died mid-run).
 */
export const RUN_STATUSES = ["running", "succeeded", "partial", "unchanged", "failed", "skipped"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGERS = ["cron", "manual", "backfill"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** One row of `ingest_runs`. */
export interface IngestRun {
  runId: string;
  /** `cron-ingest:<window start>` for scheduled runs (UNIQUE: one run per tick), null otherwise. */
  tickKey: string | null;
  trigger: RunTrigger;
  provider: ProviderName;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** Quotes the provider returned (all currencies, before cleaning). */
  fetched: number;
  inserted: number;
  /** Clean rates that were already stored (same currency, provider and instant). */
  skipped: number;
  /** Quotes rejected by cleaning (invalid value, duplicate, jump beyond the band). */
  rejected: number;
  observedAt: Date | null;
  batchId: string | null;
  published: boolean;
  /** Why the run failed or was partial; never an address, SQL or stack. */
  error: string | null;
  /** Context for a run that did nothing (e.g. a non-business day). */
  note: string | null;
}

/** What made a failed run fail: the provider, or our own storage. */
export type FailureSource = "provider" | "storage";

export interface RunOutcome {
  run: IngestRun;
  failure?: FailureSource;
}

export const newRun = (
  fields: Pick<IngestRun, "runId" | "tickKey" | "trigger" | "provider" | "startedAt">,
): IngestRun => ({
  ...fields,
  status: "running",
  finishedAt: null,
  fetched: 0,
  inserted: 0,
  skipped: 0,
  rejected: 0,
  observedAt: null,
  batchId: null,
  published: false,
  error: null,
  note: null,
});

/**
 * The batch id of one provider snapshot: the same snapshot always gets the same id, so a consumer can
 * recognise a repeated event.
 * @example batchIdOf("exchangerate-api", new Date("2026-11-27T12:44:00Z")) // "exchangerate-api-1795783440000"
 */
export const batchIdOf = (provider: ProviderName, observedAt: Date): string =>
  `${provider}-${observedAt.getTime()}`;
