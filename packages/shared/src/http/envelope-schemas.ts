import { z } from "@hono/zod-openapi";
import { ERROR_STATUS, type ErrorCode } from "../errors.ts";

const errorCodes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/**
 * `schema.openapi(name)` for a schema built with plain zod (the response schemas in `api/`): names it
 * as an /openapi.json component. zod copies prototype methods onto each instance when it is built, so
 * a schema built before @hono/zod-openapi was first imported has no `.openapi` of its own (the types
 * say it has); the clone is built now, after the extension.
 * @example export const rankingSchema = namedSchema(rankingData, "Ranking");
 */
export const namedSchema = <T extends z.ZodType>(schema: T, name: string): T =>
  (schema.clone() as T).openapi(name);

/**
 * The contract's success envelope around a route's `data` schema, for `createRoute` responses and
 * /openapi.json (the runtime envelope is built by `ok()`).
 * @example responses: { 200: jsonContent(successEnvelopeSchema(ratesSchema), "Rates") } (or `envelopeContent`)
 */
export const successEnvelopeSchema = <T extends z.ZodType>(data: T) =>
  z.object({
    success: z.literal(true),
    data,
    timestamp: z.string().openapi({ example: "2026-11-27T03:00:00.000Z" }),
    version: z.literal("v1"),
  });

/** The contract's error envelope (built at runtime by `failure()` / the shared `onError`). */
export const errorEnvelopeSchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.enum(errorCodes).openapi({ example: "INVALID_CURRENCY_CODE" }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
    timestamp: z.string().openapi({ example: "2026-11-27T03:00:00.000Z" }),
  })
  .openapi("ErrorEnvelope");
