import type { z } from "@hono/zod-openapi";
import { errorEnvelopeSchema, successEnvelopeSchema } from "./envelope-schemas.ts";

/**
 * `schema` as the application/json content of a `createRoute` response.
 * @example responses: { 200: jsonContent(healthSchema, "Health") }
 */
export const jsonContent = <S extends z.ZodType>(schema: S, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/**
 * A success response: the contract's envelope around `data`, named as an /openapi.json component when
 * `name` is given.
 * @example responses: { 200: envelopeContent(rankingSchema, "Ranking of the period") }
 */
export const envelopeContent = <S extends z.ZodType>(data: S, description: string, name?: string) =>
  jsonContent(
    name === undefined ? successEnvelopeSchema(data) : successEnvelopeSchema(data).openapi(name),
    description,
  );

/**
 * An error response: the contract's error envelope (what `onError` and the validation hook send).
 * @example responses: { 503: errorContent("The ranking store is not available (DATABASE_UNAVAILABLE)") }
 */
export const errorContent = (description: string) => jsonContent(errorEnvelopeSchema, description);

/**
 * Error responses by status, each the contract's error envelope.
 * @example responses: { 200: …, ...errorResponses({ 400: "Invalid parameter", 503: "Database unavailable" }) }
 */
export const errorResponses = <S extends number>(descriptions: Record<S, string>) =>
  Object.fromEntries(
    Object.entries<string>(descriptions).map(([status, description]) => [status, errorContent(description)]),
  ) as { [K in S]: ReturnType<typeof errorContent> };

/**
 * A required application/json request body of a `createRoute` request.
 * @example request: { body: jsonBody(selectionRequestSchema) }
 */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true as const,
  content: { "application/json": { schema } },
});
