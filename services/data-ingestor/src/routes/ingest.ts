import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import {
  AppError,
  adminRoutes,
  type Clock,
  envelopeContent,
  errorContent,
  ok,
  storeUnavailable,
} from "@trip/shared";
import type { FailureSource } from "../domain/ingest-run.ts";
import type { IngestApi } from "./ingest-api.ts";
import {
  backfillQuerySchema,
  backfillResultSchema,
  ingestRunSchema,
  ingestStatusSchema,
} from "./ingest-schemas.ts";

const runFailed = errorContent(
  "The provider (EXTERNAL_API_ERROR) or the database (DATABASE_UNAVAILABLE) failed",
);

/** A failed run answers 503 with the recorded run in `details`, so the caller sees what was stored. */
const failedRun = (failure: FailureSource, details: Record<string, unknown>): AppError =>
  failure === "provider"
    ? new AppError(
        "EXTERNAL_API_ERROR",
        "The rate provider gave no usable data; stored rates are unchanged",
        details,
      )
    : storeUnavailable("database", "The run could not be completed; stored rates are unchanged", { details });

export interface IngestRoutesDeps {
  ingest: IngestApi;
  adminToken: () => Promise<string | undefined>;
  clock: Clock;
}

/** `/api/v1/ingest/*`: status (public), run and backfill (admin token). */
export const registerIngestRoutes = (app: OpenAPIHono, deps: IngestRoutesDeps): void => {
  const { ingest, clock } = deps;
  const admin = adminRoutes(app, deps.adminToken);

  const status = createRoute({
    method: "get",
    path: "/api/v1/ingest/status",
    tags: ["ingest"],
    summary: "Last run, next scheduled run and totals",
    responses: {
      200: envelopeContent(ingestStatusSchema, "Ingestion status"),
      503: errorContent("The run store is not reachable (DATABASE_UNAVAILABLE)"),
    },
  });
  app.openapi(status, async (c) => c.json(ok(await ingest.status(), clock.now()), 200));

  const run = admin.route({
    method: "post",
    path: "/api/v1/ingest/run",
    tags: ["ingest"],
    summary: "Run one ingestion now (admin)",
    responses: { 200: envelopeContent(ingestRunSchema, "The recorded run"), 503: runFailed },
  });
  app.openapi(run, async (c) => {
    const { run: recorded, failure } = await ingest.runNow();
    if (failure) throw failedRun(failure, { run: recorded });
    return c.json(ok(recorded, clock.now()), 200);
  });

  const backfill = admin.route({
    method: "post",
    path: "/api/v1/ingest/backfill",
    tags: ["ingest"],
    summary: "Fill daily history from the provider's time series (admin)",
    request: { query: backfillQuerySchema },
    responses: { 200: envelopeContent(backfillResultSchema, "The backfill run"), 503: runFailed },
  });
  app.openapi(backfill, async (c) => {
    const { result, failure } = await ingest.backfill(c.req.valid("query").days);
    if (failure) throw failedRun(failure, result);
    return c.json(ok(result, clock.now()), 200);
  });
};
