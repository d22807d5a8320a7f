import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import {
  AppError,
  type Clock,
  errorEnvelopeSchema,
  ok,
  requireBearer,
  successEnvelopeSchema,
} from "@trip/shared";
import type { FailureSource } from "../domain/ingest-run.ts";
import type { IngestApi } from "../jobs/ingest-api.ts";
import {
  backfillQuerySchema,
  backfillResultSchema,
  ingestRunSchema,
  ingestStatusSchema,
} from "../schemas/ingest-schemas.ts";

const envelope = successEnvelopeSchema;
const errorEnvelope = errorEnvelopeSchema;
const json = <S extends z.ZodType>(schema: S, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const adminResponses = {
  401: json(errorEnvelope, "Missing or wrong admin token"),
  503: json(errorEnvelope, "The provider (EXTERNAL_API_ERROR) or the database (DATABASE_UNAVAILABLE) failed"),
};

/** A failed run answers 503 with the recorded run in `details`, so the caller sees what was stored. */
const failedRun = (failure: FailureSource, details: Record<string, unknown>): AppError =>
  failure === "provider"
    ? new AppError(
        "EXTERNAL_API_ERROR",
        "The rate provider gave no usable data; stored rates are unchanged",
        details,
      )
    : new AppError(
        "DATABASE_UNAVAILABLE",
        "The run could not be completed; stored rates are unchanged",
        details,
      );

export interface IngestRoutesDeps {
  ingest: IngestApi;
  adminToken: () => Promise<string | undefined>;
  clock: Clock;
}

/** `/api/v1/ingest/*`: status (public), run and backfill (admin token). */
export const registerIngestRoutes = (app: OpenAPIHono, deps: IngestRoutesDeps): void => {
  const { ingest, clock } = deps;
  const admin = requireBearer(deps.adminToken);
  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", { type: "http", scheme: "bearer" });

  const status = createRoute({
    method: "get",
    path: "/api/v1/ingest/status",
    tags: ["ingest"],
    summary: "Last run, next scheduled run and totals",
    responses: {
      200: json(envelope(ingestStatusSchema), "Ingestion status"),
      503: json(errorEnvelope, "The run store is not reachable (DATABASE_UNAVAILABLE)"),
    },
  });
  app.openapi(status, async (c) => c.json(ok(await ingest.status(), clock.now()), 200));

  const run = createRoute({
    method: "post",
    path: "/api/v1/ingest/run",
    tags: ["ingest"],
    summary: "Run one ingestion now (admin)",
    security: [{ adminToken: [] }],
    middleware: [admin] as const,
    responses: { 200: json(envelope(ingestRunSchema), "The recorded run"), ...adminResponses },
  });
  app.openapi(run, async (c) => {
    const { run: recorded, failure } = await ingest.runNow();
    if (failure) throw failedRun(failure, { run: recorded });
    return c.json(ok(recorded, clock.now()), 200);
  });

  const backfill = createRoute({
    method: "post",
    path: "/api/v1/ingest/backfill",
    tags: ["ingest"],
    summary: "Fill daily history from the provider's time series (admin)",
    security: [{ adminToken: [] }],
    middleware: [admin] as const,
    request: { query: backfillQuerySchema },
    responses: { 200: json(envelope(backfillResultSchema), "The backfill run"), ...adminResponses },
  });
  app.openapi(backfill, async (c) => {
    const { result, failure } = await ingest.backfill(c.req.valid("query").days);
    if (failure) throw failedRun(failure, result);
    return c.json(ok(result, clock.now()), 200);
  });
};
