import { Hono } from "hono";
import { ratesPerBase } from "../domain/cross-rates.ts";
import {
  EXCHANGERATE_API_DECIMALS,
  exchangeRateErrorBody,
  exchangeRateLatestBody,
} from "../domain/exchangerate-api-body.ts";
import { stepStartMs } from "../domain/kst-calendar.ts";
import { misbehave } from "../middleware/misbehave.ts";
import { requestInstant } from "../middleware/request-instant.ts";
import type { ProviderDeps, SandboxEnv } from "../sandbox-env.ts";

/** ExchangeRate-API open access, mounted at `/v6`: `GET /v6/latest/{base}`. */
export const exchangeRateApiRoutes = ({ model, clock, control, sleep }: ProviderDeps) =>
  new Hono<SandboxEnv>()
    .use(requestInstant(clock))
    .use(misbehave(control, sleep, (c) => c.json(exchangeRateErrorBody("invalid-key"))))
    .get("/latest/:base", (c) => {
      const base = c.req.param("base").toUpperCase();
      if (!model.currencies.includes(base)) return c.json(exchangeRateErrorBody("unsupported-code"), 404);
      const updatedAtMs = stepStartMs(c.get("instantMs"));
      const rates = ratesPerBase(
        model.ratesAt(updatedAtMs),
        base,
        model.currencies,
        EXCHANGERATE_API_DECIMALS,
      );
      return c.json(exchangeRateLatestBody({ base, rates, updatedAtMs }));
    });
