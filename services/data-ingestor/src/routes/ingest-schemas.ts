import { z } from "@hono/zod-openapi";
import { PROVIDER_NAMES } from "../config.ts";
import { MAX_BACKFILL_DAYS } from "../domain/backfill-range.ts";
import { type IngestRun, RUN_STATUSES, RUN_TRIGGERS } from "../domain/ingest-run.ts";

const instant = z.iso.datetime().openapi({ example: "2026-11-27T03:00:00.000Z" });

export const ingestRunSchema = z
  .object({
    run_id: z.string(),
    trigger: z.enum(RUN_TRIGGERS),
    status: z.enum(RUN_STATUSES),
    provider: z.enum(PROVIDER_NAMES),
    started_at: instant,
    finished_at: instant.nullable(),
    fetched: z.number().int().openapi({ description: "Quotes the provider returned, before cleaning" }),
    inserted: z.number().int().openapi({ description: "New exchange_rates rows" }),
    skipped: z.number().int().openapi({ description: "Clean rates already stored (same snapshot)" }),
    rejected: z.number().int().openapi({ description: "Quotes rejected by cleaning" }),
    observed_at: instant.nullable(),
    batch_id: z.string().nullable(),
    published: z.boolean().openapi({ description: "Whether exchange-rates.updated was published" }),
    error: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi("IngestRun");
export type IngestRunJson = z.infer<typeof ingestRunSchema>;

export const ingestStatusSchema = z
  .object({
    provider: z.enum(PROVIDER_NAMES),
    schedule: z.object({ binding: z.string(), interval_seconds: z.number().int() }),
    last_run: ingestRunSchema.nullable(),
    last_success_at: instant.nullable(),
    next_scheduled_run: instant.openapi({ description: "Estimate: last scheduled run + whole intervals" }),
    totals: z.object({
      runs: z.number().int(),
      succeeded: z.number().int(),
      partial: z.number().int(),
      unchanged: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
      rows_inserted: z.number().int(),
      rows_skipped: z.number().int(),
      rows_rejected: z.number().int(),
    }),
  })
  .openapi("IngestStatus");
export type IngestStatusJson = z.infer<typeof ingestStatusSchema>;

export const backfillQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_BACKFILL_DAYS)
    .default(365)
    .openapi({ description: "Calendar days ending yesterday (KST)", example: 365 }),
});

export const backfillResultSchema = z
  .object({
    run: ingestRunSchema,
    from: z.string().openapi({ example: "2025-11-27" }),
    to: z.string().openapi({ example: "2026-11-26" }),
    business_days: z.number().int(),
    currencies: z.number().int(),
  })
  .openapi("BackfillResult");
export type BackfillResultJson = z.infer<typeof backfillResultSchema>;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export const runJson = (run: IngestRun): IngestRunJson => ({
  run_id: run.runId,
  trigger: run.trigger,
  status: run.status,
  provider: run.provider,
  started_at: run.startedAt.toISOString(),
  finished_at: iso(run.finishedAt),
  fetched: run.fetched,
  inserted: run.inserted,
  skipped: run.skipped,
  rejected: run.rejected,
  observed_at: iso(run.observedAt),
  batch_id: run.batchId,
  published: run.published,
  error: run.error,
  note: run.note,
});
