import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { AppError, type Clock, envelopeContent, errorContent, guardStore, ok } from "@trip/shared";
import { destinationOf } from "../domain/destinations.ts";
import { readCountryStats } from "../use-cases/country-stats-view.ts";
import type { SelectionLogStore, SnapshotStore } from "../use-cases/ports.ts";
import { readRanking } from "../use-cases/ranking-view.ts";
import {
  countryStatsSchema,
  RANKING_STORE_DOWN,
  rankingQuerySchema,
  rankingSchema,
  statsParamsSchema,
  statsQuerySchema,
} from "./schemas.ts";

const getRanking = createRoute({
  method: "get",
  path: "/api/v1/rankings",
  tags: ["rankings"],
  summary: "Destination ranking of today (daily) or the last 7/30 KST days, from the latest snapshot",
  request: { query: rankingQuerySchema },
  responses: {
    200: envelopeContent(rankingSchema, "One page of the ranking"),
    400: errorContent("INVALID_PERIOD or DATA_VALIDATION_ERROR (limit 1-50, offset ≥ 0)"),
    503: errorContent("DATABASE_UNAVAILABLE"),
  },
});

const getCountryStats = createRoute({
  method: "get",
  path: "/api/v1/rankings/stats/{country_code}",
  tags: ["rankings"],
  summary: "A destination's daily selections and ranks over 7, 30 or 90 KST days",
  request: { params: statsParamsSchema, query: statsQuerySchema },
  responses: {
    200: envelopeContent(countryStatsSchema, "Statistics and daily breakdown"),
    400: errorContent("INVALID_COUNTRY_CODE or INVALID_PERIOD"),
    503: errorContent("DATABASE_UNAVAILABLE"),
  },
});

export const registerRankingRoutes = (
  app: OpenAPIHono,
  deps: { snapshots: SnapshotStore; store: SelectionLogStore; clock: Clock; shards: number },
): void => {
  app.openapi(getRanking, async (c) => {
    const ranking = await guardStore("database", RANKING_STORE_DOWN, () =>
      readRanking(deps, c.req.valid("query")),
    );
    return c.json(ok(ranking, deps.clock.now()), 200);
  });
  app.openapi(getCountryStats, async (c) => {
    const { country_code } = c.req.valid("param");
    const country = destinationOf(country_code);
    if (!country)
      throw new AppError("INVALID_COUNTRY_CODE", `Not a supported destination: ${country_code}`, {
        country_code,
      });
    const { period } = c.req.valid("query");
    const stats = await guardStore("database", RANKING_STORE_DOWN, () =>
      readCountryStats(deps, country, period),
    );
    return c.json(ok(stats, deps.clock.now()), 200);
  });
};
