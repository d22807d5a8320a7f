import { createRoute } from "@hono/zod-openapi";
import {
  AppError,
  type Clock,
  currencyCodeSchema,
  envelopeContent,
  errorResponses,
  ok,
  type ServiceApp,
} from "@trip/shared";
import { OLD_FRONTEND_READS, requireOldFrontendReadable } from "../domain/old-frontend-reads.ts";
import type { HistoryQueries } from "../use-cases/history-queries.ts";
import {
  compareDataSchema,
  compareQuerySchema,
  historyDataSchema,
  historyQuerySchema,
  statsDataSchema,
  statsQuerySchema,
} from "./schemas.ts";

const errors = errorResponses({
  400: "Invalid parameter",
  404:
    "Old frontend only (a GET with Content-Type: application/json and X-Correlation-ID, while " +
    "LEGACY_CLIENT_COMPAT is on): a statistic it formats cannot be computed (details.missing). " +
    "Every other client gets 200 with that figure null.",
  503: "Database unavailable",
});

const historyRoute = createRoute({
  method: "get",
  path: "/api/v1/history",
  tags: ["history"],
  summary: "Rate history of one pair: OHLC points per bucket with summary statistics",
  request: { query: historyQuerySchema },
  responses: {
    200: envelopeContent(historyDataSchema, "History"),
    ...errors,
  },
});

const statsRoute = createRoute({
  method: "get",
  path: "/api/v1/history/stats",
  tags: ["history"],
  summary: "Period statistics, technical indicators and a monthly breakdown of one pair",
  request: { query: statsQuerySchema },
  responses: {
    200: envelopeContent(statsDataSchema, "Statistics"),
    ...errors,
  },
});

const compareRoute = createRoute({
  method: "get",
  path: "/api/v1/history/compare",
  tags: ["history"],
  summary: "Compares 2 to 10 currencies over a period: change, volatility, ranks, correlations",
  request: { query: compareQuerySchema },
  responses: {
    200: envelopeContent(compareDataSchema, "Comparison"),
    ...errors,
  },
});

/** `targets=USD,JPY` → codes; any unsupported one is a 400 INVALID_CURRENCY_CODE naming it. */
const parseTargets = (targets: string): string[] =>
  targets.split(",").map((raw) => {
    const code = raw.trim();
    if (!currencyCodeSchema.safeParse(code).success) {
      throw new AppError("INVALID_CURRENCY_CODE", `Unsupported currency in targets: ${code.slice(0, 8)}`, {
        code: code.slice(0, 8),
      });
    }
    return code;
  });

export const registerHistoryRoutes = (app: ServiceApp, deps: { queries: HistoryQueries; clock: Clock }) => {
  const { queries, clock } = deps;
  app.openapi(historyRoute, async (c) => {
    const q = c.req.valid("query");
    const oldFrontend = app.legacy.isOldFrontendRead(c);
    const data = await queries.history(q);
    if (oldFrontend) {
      const what = { ...q, data_points: data.data_points };
      requireOldFrontendReadable(what, data.statistics, OLD_FRONTEND_READS.history);
    }
    return c.json(ok(data, clock.now()), 200);
  });
  app.openapi(statsRoute, async (c) => {
    const q = c.req.valid("query");
    const oldFrontend = app.legacy.isOldFrontendRead(c);
    const data = await queries.stats(q);
    if (oldFrontend) requireOldFrontendReadable(q, data.statistics, OLD_FRONTEND_READS.stats);
    return c.json(ok(data, clock.now()), 200);
  });
  app.openapi(compareRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(ok(await queries.compare({ ...q, targets: parseTargets(q.targets) }), clock.now()), 200);
  });
};
