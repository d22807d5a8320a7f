import { createRoute } from "@hono/zod-openapi";
import { envelopeContent, errorResponses, ok, type ServiceApp } from "@trip/shared";
import { convert } from "../../domain/conversion.ts";
import type { RoutesDeps } from "./deps.ts";
import { convertQuery } from "./query-params.ts";
import { conversionSchema } from "./response-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/api/v1/currencies/convert",
  tags: ["currencies"],
  summary: "Convert an amount between two currencies through KRW",
  request: { query: convertQuery },
  responses: {
    200: envelopeContent(conversionSchema, "Conversion", "Conversion"),
    ...errorResponses({
      400: "INVALID_CURRENCY_CODE (from/to), DATA_VALIDATION_ERROR (amount), MISSING_PARAMETER",
      404: "NOT_FOUND: no rate collected yet",
      503: "CACHE_UNAVAILABLE / DATABASE_UNAVAILABLE",
    }),
  },
});

export const registerConvertRoute = (app: ServiceApp, deps: RoutesDeps): void => {
  app.openapi(route, async (c) => {
    const { from, to, amount } = c.req.valid("query");
    const view = await deps.rates.read(from === to ? [] : [from, to]);
    return c.json(ok(convert(view.book, from, to, Number(amount)), deps.clock.now()), 200);
  });
};
