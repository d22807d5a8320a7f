import { z } from "zod";
import { isoInstant } from "./common.ts";

/** The `data` of the currency service's responses (CONTRACT.md §3). */

const source = z.enum(["cache", "database"]).meta({
  description: "cache: the cache store or the service's in-process copy of it; database: MariaDB fallback",
});

/** `GET /api/v1/currencies/latest` */
export const latestRatesSchema = z.object({
  base: z.string().meta({ example: "KRW" }),
  timestamp: z.number().int().nullable().meta({ description: "Unix seconds of last_updated" }),
  rates: z.record(z.string(), z.number()).meta({
    description: "Price of 1 unit of each currency in `base`",
    example: { USD: 1392.4, JPY: 9.3 },
  }),
  source,
  cache_hit: z.boolean(),
  last_updated: isoInstant.nullable().meta({ description: "Observation time of the oldest rate shown" }),
});

/** `GET /api/v1/currencies/convert` */
export const conversionSchema = z.object({
  from: z.string(),
  to: z.string(),
  amount: z.number(),
  result: z.number().meta({ description: "Rounded to the target currency's display decimals" }),
  rate: z.number().meta({
    description: "Units of `to` per 1 unit of `from`: 8 decimals, or 8 significant digits below 1",
  }),
  last_updated: isoInstant.nullable(),
});

/** `GET /api/v1/currencies/price-index` */
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
  data_date: z.string().meta({ description: "Survey date of the Big Mac data (KST date)" }),
  last_updated: isoInstant.nullable(),
});

/** `GET /api/v1/currencies/{code}` */
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
    .meta({ description: "Quoting unit in Korea (100 for JPY, IDR); rates are per 1 unit" }),
  current_rate: z.number().meta({ description: "KRW per 1 unit" }),
  tts: z.number().nullable(),
  ttb: z.number().nullable(),
  change: z.number().nullable().meta({ description: "Against the previous KST day's close" }),
  change_percent: z.number().nullable(),
  last_updated: isoInstant,
  source,
});

/** `GET /api/v1/currencies` */
export const currencyCatalogSchema = z.object({
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
