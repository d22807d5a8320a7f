import { createRoute } from "@hono/zod-openapi";
import {
  AppError,
  type CurrencyIssuer,
  currencyIssuer,
  envelopeContent,
  errorResponses,
  getCurrency,
  HOME_CURRENCY,
  ok,
  type ServiceApp,
} from "@trip/shared";
import { noRateYet } from "../../domain/cross-rates.ts";
import { currencyDetail } from "../../domain/currency-detail.ts";
import type { RoutesDeps } from "./deps.ts";
import { currencyCodePath } from "./query-params.ts";
import { currencyDetailSchema } from "./response-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/api/v1/currencies/{code}",
  tags: ["currencies"],
  summary: "One currency: latest rate (KRW per 1 unit), quoting unit, change against the previous KST day",
  request: { params: currencyCodePath },
  responses: {
    200: envelopeContent(currencyDetailSchema, "Currency detail", "CurrencyDetail"),
    ...errorResponses({
      400: "INVALID_CURRENCY_CODE: malformed or unsupported code, or KRW (the currency every rate is quoted in)",
      404: "NOT_FOUND: supported, but no rate collected yet",
      503: "CACHE_UNAVAILABLE / DATABASE_UNAVAILABLE",
    }),
  },
});

/** Registered after every fixed `/api/v1/currencies/<name>` route, which therefore always win. */
export const registerCurrencyDetailRoute = (app: ServiceApp, deps: RoutesDeps): void => {
  app.openapi(route, async (c) => {
    const code = c.req.valid("param").code.trim().toUpperCase();
    const currency = getCurrency(code);
    if (currency === undefined)
      throw new AppError("INVALID_CURRENCY_CODE", "Unsupported or malformed currency code", { code });
    if (code === HOME_CURRENCY)
      throw new AppError("INVALID_CURRENCY_CODE", "KRW is the currency every rate is quoted in", { code });
    const view = await deps.rates.read([code]);
    const quote = view.book.quotes.get(code);
    if (quote === undefined) throw noRateYet([code]);
    const previousClose = await deps.previousClose.closeBefore(code, quote.observedAt);
    const issuer = currencyIssuer(code) as CurrencyIssuer;
    return c.json(ok(currencyDetail(currency, issuer, quote, previousClose), deps.clock.now()), 200);
  });
};
