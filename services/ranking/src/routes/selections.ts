import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { type Clock, envelopeContent, errorContent, guardStore, jsonBody, ok } from "@trip/shared";
import type { Context } from "hono";
import { type AcceptSelectionDeps, acceptSelection } from "../use-cases/accept-selection.ts";
import { RANKING_STORE_DOWN, selectionBodySchema, selectionRequestSchema } from "./schemas.ts";

const recordSelection = createRoute({
  method: "post",
  path: "/api/v1/rankings/selections",
  tags: ["rankings"],
  summary: "Record a destination selection (idempotent with selection_id)",
  request: {
    body: jsonBody(selectionRequestSchema),
  },
  responses: {
    201: envelopeContent(selectionBodySchema, "Recorded (or already recorded under this selection_id)"),
    400: errorContent("INVALID_COUNTRY_CODE, MISSING_PARAMETER or DATA_VALIDATION_ERROR"),
    429: errorContent("RATE_LIMIT_EXCEEDED, with Retry-After"),
    503: errorContent("DATABASE_UNAVAILABLE"),
  },
});

export const registerSelectionRoutes = (
  app: OpenAPIHono,
  deps: AcceptSelectionDeps & { clock: Clock; peerAddress: (c: Context) => string | undefined },
): void => {
  app.openapi(recordSelection, async (c) => {
    const client = { forwardedFor: c.req.header("x-forwarded-for"), peerAddress: deps.peerAddress(c) };
    const recorded = await guardStore("database", RANKING_STORE_DOWN, () =>
      acceptSelection(deps, c.req.valid("json"), client),
    );
    return c.json(ok(recorded.body, deps.clock.now()), 201);
  });
};
