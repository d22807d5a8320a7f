import { Hono } from "hono";
import { eximbankResultRow, eximbankRows } from "../domain/eximbank-ap01-body.ts";
import { eximbankQuoteTime } from "../domain/eximbank-schedule.ts";
import { compactToIsoDate, kstDateOf } from "../domain/kst-calendar.ts";
import { misbehave } from "../middleware/misbehave.ts";
import { requestInstant } from "../middleware/request-instant.ts";
import type { ProviderDeps, SandboxEnv } from "../sandbox-env.ts";

/**
 * Korea Eximbank open API, mounted at `/site/program/financial`:
 * `GET /exchangeJSON?authkey=…&searchdate=YYYYMMDD&data=AP01`. Every answer is HTTP 200 with a JSON array.
 */
export const eximbankRoutes = ({ model, clock, control, sleep, apiKey }: ProviderDeps) =>
  new Hono<SandboxEnv>()
    .use(requestInstant(clock))
    .use(misbehave(control, sleep, (c) => c.json([eximbankResultRow(4)])))
    .get("/exchangeJSON", (c) => {
      const authkey = c.req.query("authkey");
      if (!authkey || (apiKey !== undefined && authkey !== apiKey)) return c.json([eximbankResultRow(3)]);
      if (c.req.query("data") !== "AP01") return c.json([eximbankResultRow(2)]);
      const instantMs = c.get("instantMs");
      const searchdate = c.req.query("searchdate");
      const date = searchdate ? compactToIsoDate(searchdate) : kstDateOf(instantMs);
      if (date === null) return c.json([]);
      const quoteTime = eximbankQuoteTime(date, instantMs);
      if (quoteTime === "none") return c.json([]);
      return c.json(eximbankRows(quoteTime === "live" ? model.ratesAt(instantMs) : model.ratesAtClose(date)));
    });
