import type { z } from "@hono/zod-openapi";
import { errorEnvelopeSchema, successEnvelopeSchema } from "@trip/shared";

/** The success envelope around `data`, named for /openapi.json. */
export const envelope = <T extends z.ZodType>(data: T, name: string) =>
  successEnvelopeSchema(data).openapi(name);

export const errorEnvelope = errorEnvelopeSchema;

/** Error responses every currency route can answer with. */
export const errorResponses = (statuses: Record<number, string>) =>
  Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [
      status,
      { description, content: { "application/json": { schema: errorEnvelope } } },
    ]),
  );

/**
 * The `data` schemas of the routes, defined once in the shared package (plain zod, documented with
 * `.meta()`); `envelope(schema, name)` names each response for /openapi.json.
 */
export {
  conversionSchema,
  currencyCatalogSchema as catalogSchema,
  currencyDetailSchema,
  latestRatesSchema,
  priceIndexSchema,
} from "@trip/shared";
