import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type Clock, ok, requireBearer } from "@trip/shared";
import type { RecomputeOutcome } from "../jobs/recompute-rankings.ts";
import type { RolloverOutcome } from "../jobs/rollover.ts";
import type { OverridableClock } from "../overridable-clock.ts";
import { errorResponse, jsonResponse } from "./schemas.ts";

export interface AdminDeps {
  clock: Clock;
  adminToken: () => Promise<string | undefined>;
  recompute: () => Promise<RecomputeOutcome>;
  rollover: () => Promise<RolloverOutcome>;
  /** Present only when ALLOW_CLOCK_OVERRIDE is on (test stacks). */
  clockOverride?: OverridableClock | undefined;
}

const admin = { tags: ["admin"], security: [{ adminToken: [] }] };
const unauthorized = errorResponse("UNAUTHORIZED: the admin token is required");

const recomputeRoute = createRoute({
  ...admin,
  method: "post",
  path: "/api/v1/rankings/admin/recompute",
  summary: "Recompute the ranking snapshots now (busy when a recomputation is running)",
  responses: {
    200: jsonResponse(z.object({ outcome: z.enum(["recomputed", "already-done", "busy"]) }), "Outcome"),
    401: unauthorized,
  },
});

const rolloverRoute = createRoute({
  ...admin,
  method: "post",
  path: "/api/v1/rankings/admin/rollover",
  summary: "Archive every finished KST day not archived yet (what cron-midnight-kst does)",
  responses: {
    200: jsonResponse(
      z.object({ outcome: z.enum(["done", "busy"]), archived: z.array(z.string()) }),
      "Days archived by this call",
    ),
    401: unauthorized,
  },
});

const clockRoute = createRoute({
  ...admin,
  method: "put",
  path: "/api/v1/rankings/admin/clock",
  summary: "Test stacks only: move this replica's clock (null resets it)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ now: z.iso.datetime().nullable(), frozen: z.boolean().default(false) }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(z.object({ now: z.string() }), "The replica's clock now"),
    401: unauthorized,
  },
});

/** Operator routes behind `Authorization: Bearer <admin token>`. */
export const registerAdminRoutes = (app: OpenAPIHono, deps: AdminDeps): void => {
  app.use("/api/v1/rankings/admin/*", requireBearer(deps.adminToken));
  app.openapi(recomputeRoute, async (c) =>
    c.json(ok({ outcome: await deps.recompute() }, deps.clock.now()), 200),
  );
  app.openapi(rolloverRoute, async (c) => {
    const result = await deps.rollover();
    const archived = result.outcome === "done" ? result.archived : [];
    return c.json(ok({ outcome: result.outcome, archived }, deps.clock.now()), 200);
  });
  const clockOverride = deps.clockOverride;
  if (!clockOverride) return;
  app.openapi(clockRoute, async (c) => {
    const { now, frozen } = c.req.valid("json");
    clockOverride.setNow(now ? new Date(now) : null, { frozen });
    return c.json(ok({ now: clockOverride.now().toISOString() }, clockOverride.now()), 200);
  });
};
