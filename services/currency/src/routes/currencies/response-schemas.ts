/**
 * The `data` schemas of the routes, defined once in the shared package (plain zod, documented with
 * `.meta()`); `envelopeContent(schema, description, name)` names each response for /openapi.json.
 */
export {
  conversionSchema,
  currencyCatalogSchema as catalogSchema,
  currencyDetailSchema,
  latestRatesSchema,
  priceIndexSchema,
} from "@trip/shared";
