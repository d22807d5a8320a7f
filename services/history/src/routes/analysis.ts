import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { type Clock, ok, requireBearer } from "@trip/shared";
import type { RunTrigger } from "../adapters/analysis-store.ts";
import type { AnalysisResult } from "../use-cases/analysis-job.ts";
import { analysisRunSchema, envelopeOf, errorEnvelopeSchema } from "./schemas.ts";

const runRoute = createRoute({
  method: "post",
  path: "/api/v1/history/analysis/run",
  tags: ["operations"],
  summary: "Runs the daily_stats aggregation now (admin token); skipped while another run holds the lock",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      content: { "application/json": { schema: envelopeOf(analysisRunSchema) } },
      description: "Run outcome",
    },
    401: {
      content: { "application/json": { schema: errorEnvelopeSchema } },
      description: "No valid admin token",
    },
    503: {
      content: { "application/json": { schema: errorEnvelopeSchema } },
      description: "Database unavailable",
    },
  },
});

export const registerAnalysisRoutes = (
  app: OpenAPIHono,
  deps: {
    clock: Clock;
    adminToken: () => Promise<string | undefined>;
    runAnalysis: (trigger: RunTrigger) => Promise<AnalysisResult>;
  },
) => {
  app.use(runRoute.path, requireBearer(deps.adminToken));
  app.openapi(runRoute, async (c) => c.json(ok(await deps.runAnalysis("manual"), deps.clock.now()), 200));
};
