import { createRoute, type z } from "@hono/zod-openapi";
import {
  type Country,
  envelopeContent,
  errorResponses,
  getCountry,
  HOME_COUNTRY_CODE,
  ok,
  type ServiceApp,
} from "@trip/shared";
import { priceIndexCurrencies, priceIndexReport } from "../../domain/price-index.ts";
import type { RoutesDeps } from "./deps.ts";
import { priceIndexQuery } from "./query-params.ts";
import { priceIndexSchema } from "./response-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/api/v1/currencies/price-index",
  tags: ["currencies"],
  summary: "Big Mac purchasing-power index of a country against a base country at today's rates",
  request: { query: priceIndexQuery },
  responses: {
    200: envelopeContent(priceIndexSchema, "Price index", "PriceIndex"),
    ...errorResponses({
      400: "INVALID_COUNTRY_CODE: unknown country or base_country",
      404: "NOT_FOUND: the Big Mac data does not cover the country, or no rate yet",
      503: "CACHE_UNAVAILABLE / DATABASE_UNAVAILABLE",
    }),
  },
});

/** The old frontend's path for the same answer (../shared/legacy.md: no `/currencies` segment). */
const oldFrontendRoute = createRoute({
  ...route,
  path: "/api/v1/price-index",
  tags: ["compatibility"],
  summary: "Old-frontend alias of /api/v1/currencies/price-index (same query, same answer)",
});

export const registerPriceIndexRoute = (app: ServiceApp, deps: RoutesDeps): void => {
  const answer = async (query: z.infer<typeof priceIndexQuery>) => {
    // Both codes were validated against the catalog by the query schema.
    const country = getCountry(query.country) as Country;
    const base = getCountry(query.base_country ?? HOME_COUNTRY_CODE) as Country;
    const view = await deps.rates.read(priceIndexCurrencies(country, base));
    return ok(priceIndexReport(view.book, country, base), deps.clock.now());
  };
  app.openapi(route, async (c) => c.json(await answer(c.req.valid("query")), 200));
  if (app.legacy.enabled)
    app.openapi(app.legacy.route(oldFrontendRoute), async (c) =>
      c.json(await answer(c.req.valid("query")), 200),
    );
};
