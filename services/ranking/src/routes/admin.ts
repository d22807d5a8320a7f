import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { type AdminRoutes, adminRoutes, type Clock, envelopeContent, jsonBody, ok } from "@trip/shared";
import type { OverridableClock } from "../use-cases/ports.ts";
import type { RecomputeOutcome } from "../use-cases/recompute-rankings.ts";
import type { RolloverOutcome } from "../use-cases/rollover.ts";

export interface AdminDeps {
  clock: Clock;
  adminToken: () => Promise<string | undefined>;
  recompute: () => Promise<RecomputeOutcome>;
  rollover: () => Promise<RolloverOutcome>;
  /** Present only when ALLOW_CLOCK_OVERRIDE is on (test stacks). */
  clockOverride?: OverridableClock | undefined;
}

const recomputeRoute = (admin: AdminRoutes) =>
  admin.route({
    method: "post",
    path: "/api/v1/rankings/admin/recompute",
    tags: ["admin"],
    summary: "Recompute the ranking snapshots now (busy when a recomputation is running)",
    responses: {
      200: envelopeContent(z.object({ outcome: z.enum(["recomputed", "already-done", "busy"]) }), "Outcome"),
    },
  });

const rolloverRoute = (admin: AdminRoutes) =>
  admin.route({
    method: "post",
    path: "/api/v1/rankings/admin/rollover",
    tags: ["admin"],
    summary: "Archive every finished KST day not archived yet (what cron-midnight-kst does)",
    responses: {
      200: envelopeContent(
        z.object({ outcome: z.enum(["done", "busy"]), archived: z.array(z.string()) }),
        "Days archived by this call",
      ),
    },
  });

const clockRoute = (admin: AdminRoutes) =>
  admin.route({
    method: "put",
    path: "/api/v1/rankings/admin/clock",
    tags: ["admin"],
    summary: "Test stacks only: move this replica's clock (null resets it)",
    request: {
      body: jsonBody(z.object({ now: z.iso.datetime().nullable(), frozen: z.boolean().default(false) })),
    },
    responses: { 200: envelopeContent(z.object({ now: z.string() }), "The replica's clock now") },
  });

/** Operator routes behind `Authorization: Bearer <admin token>`. */
export const registerAdminRoutes = (app: OpenAPIHono, deps: AdminDeps): void => {
  const admin = adminRoutes(app, deps.adminToken);
  app.openapi(recomputeRoute(admin), async (c) =>
    c.json(ok({ outcome: await deps.recompute() }, deps.clock.now()), 200),
  );
  app.openapi(rolloverRoute(admin), async (c) => {
    const result = await deps.rollover();
    const archived = result.outcome === "done" ? result.archived : [];
    return c.json(ok({ outcome: result.outcome, archived }, deps.clock.now()), 200);
  });
  const clockOverride = deps.clockOverride;
  if (!clockOverride) return;
  app.openapi(clockRoute(admin), async (c) => {
    const { now, frozen } = c.req.valid("json");
    clockOverride.setNow(now ? new Date(now) : null, { frozen });
    return c.json(ok({ now: clockOverride.now().toISOString() }, clockOverride.now()), 200);
  });
};
