import { createRoute } from "@hono/zod-openapi";
import {
  type Clock,
  envelopeContent,
  errorResponses,
  HOME_CURRENCY,
  type HotAnswer,
  JSON_CONTENT_TYPE,
  okJson,
  parseOrThrow,
  type ServiceApp,
} from "@trip/shared";
import { latestRates } from "../../domain/latest-rates.ts";
import { perVersionMemo } from "../../use-cases/per-version-memo.ts";
import type { RateView } from "../../use-cases/rate-reader.ts";
import type { RoutesDeps } from "./deps.ts";
import { currencyList, latestQuery } from "./query-params.ts";
import { latestRatesSchema } from "./response-schemas.ts";

/** The path of the hot route (`latestRatesFromMemory`): the parameterless read every page load makes. */
export const LATEST_RATES_PATH = "/api/v1/currencies/latest";

const route = createRoute({
  method: "get",
  path: LATEST_RATES_PATH,
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

/** Each distinct query's rates serialised once per book version. */
const latestBodies = (clock: Clock) => {
  const bodies = perVersionMemo<string>(32);
  return (view: RateView, base: string, list: string[] | undefined): string =>
    okJson(
      bodies.get(view.book.version, `${base}|${list?.join(",") ?? "*"}`, () =>
        JSON.stringify(latestRates(view.book, base, list)),
      ),
      clock.now(),
    );
};

/**
 * The parameterless default answered from memory while the book is fresh, for `withHotRoutes` where
 * the server is built (main.ts); undefined sends the request to the route below.
 */
export const latestRatesFromMemory = (deps: Pick<RoutesDeps, "rates" | "clock">): HotAnswer => {
  const body = latestBodies(deps.clock);
  return () => {
    const view = deps.rates.peek();
    return view && new Response(body(view, HOME_CURRENCY, undefined), { headers: JSON_CONTENT_TYPE });
  };
};

/**
 * The most requested route (every page load asks for it): each distinct query is computed and
 * serialised once per book version. Any query is validated by hand (the route is documented from the
 * same definition).
 */
export const registerLatestRoute = (app: ServiceApp, deps: RoutesDeps): void => {
  const body = latestBodies(deps.clock);
  app.openAPIRegistry.registerPath(route);
  app.get(route.path, async (c) => {
    const query = c.req.url.includes("?") ? parseOrThrow(latestQuery, c.req.query()) : {};
    const base = query.base ?? HOME_CURRENCY;
    const list = query.symbols === undefined ? undefined : currencyList(query.symbols);
    const view = await deps.rates.read(list === undefined ? "all" : [...list, base]);
    return c.body(body(view, base, list), 200, JSON_CONTENT_TYPE);
  });
};
