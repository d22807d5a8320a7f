import { type Context, Hono } from "hono";
import { ratesPerBase } from "../domain/cross-rates.ts";
import {
  type DailyRates,
  ECB_CURRENCIES,
  FRANKFURTER_DECIMALS,
  frankfurterDayBody,
  frankfurterNotFoundBody,
  frankfurterSeriesBody,
} from "../domain/frankfurter-body.ts";
import { historicalDate, parseSeriesSpec, selectSymbols, seriesDates } from "../domain/frankfurter-days.ts";
import { isIsoDate, lastClosedBusinessDay } from "../domain/kst-calendar.ts";
import { misbehave } from "../middleware/misbehave.ts";
import { requestInstant } from "../middleware/request-instant.ts";
import type { ProviderDeps, SandboxEnv } from "../sandbox-env.ts";

/**
 * Frankfurter, mounted at `/v1`: `GET /v1/latest`, `GET /v1/{date}` (ECB currencies only, as the real one)
 * and the time series `GET /v1/{start}..{end}`, which the sandbox serves for every currency it knows.
 */
export const frankfurterRoutes = ({ model, clock, control, sleep }: ProviderDeps) => {
  const ecbUniverse = model.currencies.filter((code) => ECB_CURRENCIES.has(code));
  const notFound = (c: Context) => c.json(frankfurterNotFoundBody, 404);

  const query = (c: Context, universe: readonly string[]) => {
    const base = (c.req.query("base") ?? "EUR").toUpperCase();
    const amount = Number(c.req.query("amount") ?? "1");
    const symbols = selectSymbols(universe, base, c.req.query("symbols"));
    if (symbols === null || !Number.isFinite(amount) || amount <= 0) return null;
    return { base, amount, symbols };
  };
  const dailyRates = (date: string, base: string, symbols: string[], amount: number): DailyRates => ({
    date,
    rates: ratesPerBase(model.ratesAtClose(date), base, symbols, FRANKFURTER_DECIMALS, amount),
  });
  const dayAnswer = (c: Context<SandboxEnv>, date: string) => {
    const q = query(c, ecbUniverse);
    if (q === null) return notFound(c);
    return c.json(frankfurterDayBody(q.amount, q.base, dailyRates(date, q.base, q.symbols, q.amount)));
  };

  return new Hono<SandboxEnv>()
    .use(requestInstant(clock))
    .use(misbehave(control, sleep, notFound))
    .get("/latest", (c) => dayAnswer(c, lastClosedBusinessDay(c.get("instantMs"))))
    .get("/:segment", (c) => {
      const segment = c.req.param("segment");
      const instantMs = c.get("instantMs");
      if (isIsoDate(segment)) return dayAnswer(c, historicalDate(segment, instantMs));
      const spec = parseSeriesSpec(segment);
      const q = query(c, model.currencies);
      const dates = spec === null ? null : seriesDates(spec, instantMs);
      if (dates === null || q === null) return notFound(c);
      const days = dates.map((date) => dailyRates(date, q.base, q.symbols, q.amount));
      return c.json(frankfurterSeriesBody(q.amount, q.base, days));
    });
};
