import type { MiddlewareHandler } from "hono";
import { DateTime } from "luxon";
import { type Clock, type SandboxEnv, sandboxError } from "../sandbox-env.ts";

/**
 * Decides the instant a provider request is answered for: the clock, or `?at=<ISO-8601>` (an instant
 * without offset is read as UTC) so tests and demos can ask for any moment.
 */
export const requestInstant =
  (clock: Clock): MiddlewareHandler<SandboxEnv> =>
  async (c, next) => {
    const at = c.req.query("at");
    const instantMs =
      at === undefined ? clock.now().getTime() : DateTime.fromISO(at, { zone: "utc" }).toMillis();
    if (!Number.isFinite(instantMs)) {
      return c.json(sandboxError(`"at" must be an ISO-8601 instant, got "${at}"`), 400);
    }
    c.set("instantMs", instantMs);
    await next();
  };
