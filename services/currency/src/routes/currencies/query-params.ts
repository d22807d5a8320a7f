import { z } from "@hono/zod-openapi";
import { getCountry, isSupportedCurrency } from "@trip/shared";

/**
 * Codes in a comma-separated list, trimmed, upper-cased and de-duplicated; undefined when any entry is
 * empty or unsupported.
 * @example currencyList("usd, JPY,USD") // ["USD", "JPY"]
 */
export const currencyList = (value: string): string[] | undefined => {
  const codes = value.split(",").map((code) => code.trim().toUpperCase());
  return codes.every((code) => isSupportedCurrency(code)) ? [...new Set(codes)] : undefined;
};

/** A supported currency code, case-insensitive (`usd` is USD). Field names map to INVALID_CURRENCY_CODE. */
export const currencyParam = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isSupportedCurrency, { message: "unsupported or malformed currency code" });

/** A catalog country (ISO 3166-1 alpha-2), case-insensitive. Field names map to INVALID_COUNTRY_CODE. */
export const countryParam = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => getCountry(code) !== undefined, { message: "unknown country code" });

/** Largest amount converted: beyond it a float result would no longer be exact to the cent. */
export const MAX_AMOUNT = 1e12;

export const latestQuery = z.object({
  symbols: z
    .string()
    .refine((value) => currencyList(value) !== undefined, {
      message: "unsupported or malformed currency code",
    })
    .optional()
    .openapi({
      description: "Comma-separated codes; default: every currency with a rate",
      example: "USD,JPY",
    }),
  base: currencyParam
    .optional()
    .openapi({ description: "Any supported currency; default KRW", example: "KRW" }),
});

export const convertQuery = z.object({
  from: currencyParam.openapi({ example: "USD" }),
  to: currencyParam.openapi({ example: "JPY" }),
  amount: z
    .string()
    .regex(/^\d+(\.\d+)?$/, { message: "amount must be a finite decimal number ≥ 0" })
    .refine((value) => Number(value) <= MAX_AMOUNT, { message: `amount must be at most ${MAX_AMOUNT}` })
    .openapi({ description: "Decimal number ≥ 0, at most 1e12", example: "100" }),
});

export const priceIndexQuery = z.object({
  country: countryParam.openapi({ example: "JP" }),
  base_country: countryParam.optional().openapi({ description: "Default KR", example: "KR" }),
});

export const currencyCodePath = z.object({
  code: z.string().openapi({ param: { name: "code", in: "path" }, example: "USD" }),
});
