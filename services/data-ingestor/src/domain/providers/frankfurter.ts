import { type KstDate, kstDatesBetween } from "@trip/shared";
import { z } from "zod";
import { kstCloseInstant } from "../observation-time.ts";
import {
  describeIssues,
  ProviderError,
  type ProviderQuote,
  type ProviderSnapshot,
  parseProviderJson,
} from "../provider-snapshot.ts";
import { providerNumber } from "./provider-number.ts";

/** Frankfurter's latest closed business day against KRW (ECB currencies only). */
export const FRANKFURTER_LATEST_PATH = "/v1/latest?base=KRW";

/** The time series from `from` to `to` (inclusive) against KRW; the backfill reads it. */
export const frankfurterSeriesPath = (from: KstDate, to: KstDate): string => `/v1/${from}..${to}?base=KRW`;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const rates = z.record(z.string(), z.unknown());
const latestSchema = z.object({
  amount: z.number().positive(),
  base: z.literal("KRW"),
  date: isoDate,
  rates,
});
const seriesSchema = z.object({
  amount: z.number().positive(),
  base: z.literal("KRW"),
  rates: z.record(isoDate, rates),
});
const errorSchema = z.object({ message: z.string() });

/** `rates` are units of each currency per `amount` KRW, so KRW per unit is amount / rate. */
const quotesOf = (amount: number, values: Record<string, unknown>): ProviderQuote[] =>
  Object.entries(values).map(([code, value]) => ({
    providerCode: code,
    krwPerQuotedUnit: amount / providerNumber(value),
    tts: null,
    ttb: null,
  }));

const parseWith = <S extends z.ZodType>(schema: S, body: string): z.infer<S> => {
  const json = parseProviderJson("frankfurter", body);
  const failed = errorSchema.safeParse(json);
  if (failed.success) throw new ProviderError("provider-error", `frankfurter: ${failed.data.message}`);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError(
      "malformed",
      `frankfurter: unexpected response (${describeIssues(parsed.error.issues)})`,
    );
  }
  return parsed.data;
};

/** Parses `/v1/latest`: one business day's close, stored at that KST day's close instant. */
export const parseFrankfurterLatest = (body: string): ProviderSnapshot => {
  const data = parseWith(latestSchema, body);
  return {
    provider: "frankfurter",
    observedAt: kstCloseInstant(data.date),
    quotes: quotesOf(data.amount, data.rates),
  };
};

/**
 * Parses a time series `/v1/START..END`: one snapshot per business day present, oldest first.
 * Dates outside `[from, to]` are ignored (a provider may pad the range).
 */
export const parseFrankfurterSeries = (body: string, from: KstDate, to: KstDate): ProviderSnapshot[] => {
  const data = parseWith(seriesSchema, body);
  const wanted = new Set(kstDatesBetween(from, to));
  return Object.keys(data.rates)
    .filter((date) => wanted.has(date))
    .sort()
    .map((date) => ({
      provider: "frankfurter" as const,
      observedAt: kstCloseInstant(date),
      quotes: quotesOf(data.amount, data.rates[date] ?? {}),
    }));
};
