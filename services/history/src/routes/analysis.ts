import type { OpenAPIHono } from "@hono/zod-openapi";
import { adminRoutes, type Clock, envelopeContent, errorContent, ok } from "@trip/shared";
import type { AnalysisResult } from "../use-cases/analysis-job.ts";
import type { RunTrigger } from "../use-cases/ports.ts";
import { analysisRunSchema } from "./schemas.ts";

export const registerAnalysisRoutes = (
  app: OpenAPIHono,
  deps: {
    clock: Clock;
    adminToken: () => Promise<string | undefined>;
    runAnalysis: (trigger: RunTrigger) => Promise<AnalysisResult>;
  },
) => {
  const runRoute = adminRoutes(app, deps.adminToken).route({
    method: "post",
    path: "/api/v1/history/analysis/run",
    tags: ["operations"],
    summary: "Runs the daily_stats aggregation now (admin token); skipped while another run holds the lock",
    responses: {
      200: envelopeContent(analysisRunSchema, "Run outcome"),
      503: errorContent("Database unavailable"),
    },
  });
  app.openapi(runRoute, async (c) => c.json(ok(await deps.runAnalysis("manual"), deps.clock.now()), 200));
};
