import type { ServiceApp } from "@trip/shared";
import { registerCatalogRoute } from "./catalog.ts";
import { registerConvertRoute } from "./convert.ts";
import { registerCurrencyDetailRoute } from "./currency-detail.ts";
import type { RoutesDeps } from "./deps.ts";
import { registerLatestRoute } from "./latest.ts";
import { registerPriceIndexRoute } from "./price-index.ts";

export type { RoutesDeps } from "./deps.ts";

/** `/api/v1/currencies…`. Order matters: Hono answers with the first registered match, so `{code}` is last. */
export const registerCurrencyRoutes = (app: ServiceApp, deps: RoutesDeps): void => {
  registerCatalogRoute(app, deps);
  registerLatestRoute(app, deps);
  registerConvertRoute(app, deps);
  registerPriceIndexRoute(app, deps);
  registerCurrencyDetailRoute(app, deps);
};
