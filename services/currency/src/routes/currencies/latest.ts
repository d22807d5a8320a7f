import { createRoute } from "@hono/zod-openapi";
import { HOME_CURRENCY, ok, type ServiceApp } from "@trip/shared";
import { type LatestRates, latestRates } from "../../domain/latest-rates.ts";
import { perVersionMemo } from "../../read-path/per-version-memo.ts";
import type { RoutesDeps } from "./deps.ts";
import { currencyList, latestQuery } from "./query-params.ts";
import { envelope, errorResponses, latestRatesSchema } from "./response-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/api/v1/currencies/latest",
  tags: ["currencies"],
  summary: "Latest rates: the price of 1 unit of each currency in `base` (cross rates through KRW)",
  request: { query: latestQuery },
  responses: {
    200: {
      description: "Rates",
      content: { "application/json": { schema: envelope(latestRatesSchema, "LatestRates") } },
    },
    ...errorResponses({
      400: "INVALID_CURRENCY_CODE: unknown symbol or base",
      404: "NOT_FOUND: no rate collected yet for a requested currency",
      503: "CACHE_UNAVAILABLE / DATABASE_UNAVAILABLE: no store could supply the rates",
    }),
  },
});

export const registerLatestRoute = (app: ServiceApp, deps: RoutesDeps): void => {
  // Responses only change with the book, so each distinct query is computed once per book version.
  const memo = perVersionMemo<LatestRates>(32);
  app.openapi(route, async (c) => {
    const { symbols, base = HOME_CURRENCY } = c.req.valid("query");
    const list = symbols === undefined ? undefined : currencyList(symbols);
    const view = await deps.rates.read(list === undefined ? "all" : [...list, base]);
    const data = memo.get(view.book.version, `${base}|${list?.join(",") ?? "*"}`, () =>
      latestRates(view.book, base, list),
    );
    return c.json(ok(data, deps.clock.now()), 200);
  });
};
