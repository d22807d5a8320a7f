import { z } from "@hono/zod-openapi";
import { errorEnvelopeSchema, successEnvelopeSchema } from "@trip/shared";

const isoInstant = z.string().openapi({ example: "2026-11-27T03:00:00.000Z" });
const source = z.enum(["cache", "database"]).openapi({
  description: "cache: the cache store or the service's in-process copy of it; database: MariaDB fallback",
});

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

export const latestRatesSchema = z.object({
  base: z.string().openapi({ example: "KRW" }),
  timestamp: z.number().int().nullable().openapi({ description: "Unix seconds of last_updated" }),
  rates: z.record(z.string(), z.number()).openapi({
    description: "Price of 1 unit of each currency in `base`",
    example: { USD: 1392.4, JPY: 9.3 },
  }),
  source,
  cache_hit: z.boolean(),
  last_updated: isoInstant.nullable().openapi({ description: "Observation time of the oldest rate shown" }),
});

export const conversionSchema = z.object({
  from: z.string(),
  to: z.string(),
  amount: z.number(),
  result: z.number().openapi({ description: "Rounded to the target currency's display decimals" }),
  rate: z.number().openapi({
    description: "Units of `to` per 1 unit of `from`: 8 decimals, or 8 significant digits below 1",
  }),
  last_updated: isoInstant.nullable(),
});

export const priceIndexSchema = z.object({
  country_code: z.string(),
  country_name: z.string(),
  base_country: z.string(),
  indices: z.object({ bigmac_index: z.number(), composite_index: z.number() }),
  price_data: z.object({
    bigmac_price_local: z.number(),
    bigmac_price_krw: z.number(),
    base_bigmac_price_krw: z.number(),
  }),
  data_date: z.string().openapi({ description: "Survey date of the Big Mac data (KST date)" }),
  last_updated: isoInstant.nullable(),
});

export const currencyDetailSchema = z.object({
  currency_code: z.string(),
  currency_name: z.string(),
  currency_name_en: z.string(),
  country_code: z.string(),
  country_name: z.string(),
  symbol: z.string(),
  unit: z
    .number()
    .int()
    .openapi({ description: "Quoting unit in Korea (100 for JPY, IDR); rates are per 1 unit" }),
  current_rate: z.number().openapi({ description: "KRW per 1 unit" }),
  tts: z.number().nullable(),
  ttb: z.number().nullable(),
  change: z.number().nullable().openapi({ description: "Against the previous KST day's close" }),
  change_percent: z.number().nullable(),
  last_updated: isoInstant,
  source,
});

export const catalogSchema = z.object({
  base: z.string(),
  count: z.number().int(),
  currencies: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      name_en: z.string(),
      symbol: z.string(),
      unit: z.number().int(),
      decimals: z.number().int(),
      country_code: z.string(),
      country_name: z.string(),
      country_name_en: z.string(),
      flag: z.string(),
      current_rate: z.number().nullable(),
      last_updated: isoInstant.nullable(),
    }),
  ),
  source: source.nullable(),
  cache_hit: z.boolean(),
  last_updated: isoInstant.nullable(),
});
