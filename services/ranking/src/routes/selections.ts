import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { type Clock, ok } from "@trip/shared";
import type { Context } from "hono";
import { withRankingStores } from "../http/store-errors.ts";
import { type AcceptSelectionDeps, acceptSelection } from "../selections/accept-selection.ts";
import { errorResponse, jsonResponse, selectionBodySchema, selectionRequestSchema } from "./schemas.ts";

const recordSelection = createRoute({
  method: "post",
  path: "/api/v1/rankings/selections",
  tags: ["rankings"],
  summary: "Record a destination selection (idempotent with selection_id)",
  request: {
    body: { required: true, content: { "application/json": { schema: selectionRequestSchema } } },
  },
  responses: {
    201: jsonResponse(selectionBodySchema, "Recorded (or already recorded under this selection_id)"),
    400: errorResponse("INVALID_COUNTRY_CODE, MISSING_PARAMETER or DATA_VALIDATION_ERROR"),
    429: errorResponse("RATE_LIMIT_EXCEEDED, with Retry-After"),
    503: errorResponse("DATABASE_UNAVAILABLE"),
  },
});

export const registerSelectionRoutes = (
  app: OpenAPIHono,
  deps: AcceptSelectionDeps & { clock: Clock; peerAddress: (c: Context) => string | undefined },
): void => {
  app.openapi(recordSelection, async (c) => {
    const client = { forwardedFor: c.req.header("x-forwarded-for"), peerAddress: deps.peerAddress(c) };
    const recorded = await withRankingStores(() => acceptSelection(deps, c.req.valid("json"), client));
    return c.json(ok(recorded.body, deps.clock.now()), 201);
  });
};
