import { createRoute } from "@hono/zod-openapi";
import { envelopeContent, isAppError, ok, type ServiceApp } from "@trip/shared";
import { currencyCatalog } from "../../domain/currency-catalog.ts";
import type { RateBook } from "../../domain/rate-book.ts";
import type { RoutesDeps } from "./deps.ts";
import { catalogSchema } from "./response-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/api/v1/currencies",
  tags: ["currencies"],
  summary: "Every supported currency with its latest rate (KRW per 1 unit; null while unknown)",
  responses: {
    200: envelopeContent(catalogSchema, "Catalog", "Catalog"),
  },
});

export const registerCatalogRoute = (app: ServiceApp, deps: RoutesDeps): void => {
  app.openapi(route, async (c) => {
    let book: RateBook | undefined;
    try {
      book = (await deps.rates.read("all")).book;
    } catch (err) {
      // The catalog itself is static: with both stores down and nothing in memory it is still served,
      // with every rate null and `source: null`, rather than failing the whole list.
      if (!isAppError(err) || err.status !== 503) throw err;
    }
    return c.json(ok(currencyCatalog(book), deps.clock.now()), 200);
  });
};
