import { createRoute } from "@hono/zod-openapi";
import {
  envelopeContent,
  errorResponses,
  HOME_CURRENCY,
  JSON_CONTENT_TYPE,
  okJson,
  parseOrThrow,
  type ServiceApp,
} from "@trip/shared";
import { latestRates } from "../../domain/latest-rates.ts";
import { perVersionMemo } from "../../read-path/per-version-memo.ts";
import type { RateView } from "../../read-path/rate-reader.ts";
import type { RoutesDeps } from "./deps.ts";
import { currencyList, latestQuery } from "./query-params.ts";
import { latestRatesSchema } from "./response-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/api/v1/currencies/latest",
  tags: ["currencies"],
  summary: "Latest rates: the price of 1 unit of each currency in `base` (cross rates through KRW)",
  request: { query: latestQuery },
  responses: {
    200: envelopeContent(latestRatesSchema, "Rates", "LatestRates"),
    ...errorResponses({
      400: "INVALID_CURRENCY_CODE: unknown symbol or base",
      404: "NOT_FOUND: no rate collected yet for a requested currency",
      503: "CACHE_UNAVAILABLE / DATABASE_UNAVAILABLE: no store could supply the rates",
    }),
  },
});

/**
 * The most requested route (every page load asks for it): each distinct query is computed and
 * serialised once per book version. The parameterless default is a hot route, answered from memory
 * before the request shell while the book is fresh; any other query is validated by hand (the route
 * is documented from the same definition).
 */
export const registerLatestRoute = (app: ServiceApp, deps: RoutesDeps): void => {
  const bodies = perVersionMemo<string>(32);
  const body = (view: RateView, base: string, list: string[] | undefined): string =>
    okJson(
      bodies.get(view.book.version, `${base}|${list?.join(",") ?? "*"}`, () =>
        JSON.stringify(latestRates(view.book, base, list)),
      ),
      deps.clock.now(),
    );

  app.openAPIRegistry.registerPath(route);
  app.hot(route.path, () => {
    const view = deps.rates.peek();
    return view && new Response(body(view, HOME_CURRENCY, undefined), { headers: JSON_CONTENT_TYPE });
  });
  app.get(route.path, async (c) => {
    const query = c.req.url.includes("?") ? parseOrThrow(latestQuery, c.req.query()) : {};
    const base = query.base ?? HOME_CURRENCY;
    const list = query.symbols === undefined ? undefined : currencyList(query.symbols);
    const view = await deps.rates.read(list === undefined ? "all" : [...list, base]);
    return c.body(body(view, base, list), 200, JSON_CONTENT_TYPE);
  });
};
