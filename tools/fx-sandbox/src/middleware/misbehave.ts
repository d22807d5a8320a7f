import type { Context, MiddlewareHandler } from "hono";
import {
  type ControlState,
  emptiedBody,
  garbageOf,
  MAX_SLOW_MS,
  misbehaviourSchema,
  slowMsSchema,
} from "../domain/misbehaviour.ts";
import { type ControlSwitch, type SandboxEnv, sandboxError } from "../sandbox-env.ts";

const effectiveControl = (c: Context, control: ControlSwitch): ControlState | string => {
  const current = control.get();
  const modeParam = c.req.query("__mode");
  const slowParam = c.req.query("__slowMs");
  const mode = modeParam === undefined ? current.mode : misbehaviourSchema.safeParse(modeParam).data;
  const slowMs = slowParam === undefined ? current.slowMs : slowMsSchema.safeParse(slowParam).data;
  if (mode === undefined) return `"__mode" must be one of ${misbehaviourSchema.options.join(", ")}`;
  if (slowMs === undefined) return `"__slowMs" must be an integer from 0 to ${MAX_SLOW_MS}`;
  return { mode, slowMs };
};

/**
 * Applies the misbehaviour switch (`POST /__control`, or `?__mode=` / `?__slowMs=` per request) to a
 * provider's routes. `errorResponse` is that provider's own error result.
 */
export const misbehave =
  (
    control: ControlSwitch,
    sleep: (ms: number) => Promise<void>,
    errorResponse: (c: Context<SandboxEnv>) => Response,
  ): MiddlewareHandler<SandboxEnv> =>
  async (c, next) => {
    const effective = effectiveControl(c, control);
    if (typeof effective === "string") return c.json(sandboxError(effective), 400);
    switch (effective.mode) {
      case "http500":
        return c.text("Internal Server Error", 500);
      case "error":
        return errorResponse(c);
      case "slow":
        await sleep(effective.slowMs);
        return next();
      case "garbage": {
        await next();
        const body = garbageOf(await c.res.text());
        c.res = new Response(body, { status: 200, headers: { "content-type": "application/json" } });
        return;
      }
      case "empty": {
        await next();
        if (c.res.status === 200) c.res = Response.json(emptiedBody(await c.res.json()));
        return;
      }
      case "normal":
        return next();
    }
  };
