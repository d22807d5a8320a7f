import { createRoute } from "@hono/zod-openapi";
import {
  type Clock,
  currentContext,
  envelopeContent,
  errorContent,
  guardStore,
  jsonBody,
  ok,
  type ServiceApp,
} from "@trip/shared";
import type { Context } from "hono";
import type { AcceptSelectionDeps } from "../use-cases/accept-selection.ts";
import { acceptVisit } from "../use-cases/accept-visit.ts";
import { RANKING_STORE_DOWN, visitRecordedSchema, visitRequestSchema } from "./schemas.ts";

const recordVisit = createRoute({
  method: "post",
  path: "/api/v1/rankings/update",
  tags: ["compatibility"],
  summary: "Old frontend: a comparison-page visit, each distinct country counted as one selection",
  description:
    "Idempotent per X-Correlation-ID and country (selection id `visit-<sha256(correlation id)>-<CODE>`); " +
    "rate-limited like POST /api/v1/rankings/selections, all countries or none. Use POST /selections.",
  request: {
    body: jsonBody(visitRequestSchema),
  },
  responses: {
    200: envelopeContent(visitRecordedSchema, "Recorded (or already recorded under this correlation id)"),
    400: errorContent("INVALID_COUNTRY_CODE, INVALID_PERIOD, MISSING_PARAMETER or DATA_VALIDATION_ERROR"),
    429: errorContent("RATE_LIMIT_EXCEEDED, with Retry-After"),
    503: errorContent("DATABASE_UNAVAILABLE"),
  },
});

/** The old frontend's visit counter (README "Old-frontend compatibility"); only with LEGACY_CLIENT_COMPAT. */
export const registerVisitRoute = (
  app: ServiceApp,
  deps: AcceptSelectionDeps & { clock: Clock; peerAddress: (c: Context) => string | undefined },
): void => {
  if (!app.legacy.enabled) return;
  app.openapi(app.legacy.route(recordVisit), async (c) => {
    const client = { forwardedFor: c.req.header("x-forwarded-for"), peerAddress: deps.peerAddress(c) };
    // The shell has accepted the client's X-Correlation-ID or made a new one.
    const correlationId = currentContext()?.correlationId ?? crypto.randomUUID();
    const visit = c.req.valid("json");
    const counted = await guardStore("database", RANKING_STORE_DOWN, () =>
      acceptVisit(deps, visit, client, correlationId),
    );
    return c.json(ok(counted, deps.clock.now()), 200);
  });
};
