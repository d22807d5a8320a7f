import { HOME_CURRENCY, isSupportedCurrency, type RatesUpdatedEvent } from "@trip/shared";
import type { RateQuote } from "./rate-quote.ts";

/**
 * The quotes an `exchange-rates.updated` event announces. They count as the cache's copy: the ingestor
 * writes the cache before it publishes. Codes outside the catalog are ignored.
 */
export const quotesOfEvent = (event: RatesUpdatedEvent): RateQuote[] =>
  event.rates
    .filter((rate) => isSupportedCurrency(rate.currency_code) && rate.currency_code !== HOME_CURRENCY)
    .map((rate) => ({
      code: rate.currency_code,
      krwPerUnit: rate.rate,
      tts: rate.tts,
      ttb: rate.ttb,
      unit: rate.unit,
      provider: event.provider,
      observedAt: new Date(event.observed_at),
      collectedAt: new Date(event.collected_at),
      batchId: event.batch_id,
      origin: "cache",
    }));
