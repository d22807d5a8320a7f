import { type Clock, type KstDate, kstDateOf, kstDatesBetween } from "@trip/shared";
import type { ProviderName } from "../config.ts";
import { ProviderError } from "../domain/provider-snapshot.ts";
import {
  EXCHANGERATE_API_LATEST_PATH,
  parseExchangeRateApiLatest,
} from "../domain/providers/exchangerate-api.ts";
import { eximbankAp01Path, parseEximbankAp01 } from "../domain/providers/eximbank-ap01.ts";
import {
  FRANKFURTER_LATEST_PATH,
  frankfurterSeriesPath,
  parseFrankfurterLatest,
  parseFrankfurterSeries,
} from "../domain/providers/frankfurter.ts";
import type { DailySeriesSource, LatestRatesSource } from "../use-cases/ports.ts";
import type { ProviderFetch } from "./fx-binding-fetcher.ts";

export interface LatestSourceOptions {
  provider: ProviderName;
  fetch: ProviderFetch;
  /** The provider key (secret `fx-api-key`); only Eximbank needs one. */
  apiKey: () => Promise<string | undefined>;
  clock: Clock;
}

/** The configured provider's adapter: which path to ask and how to read the answer. */
export const latestRatesSource = (options: LatestSourceOptions): LatestRatesSource => {
  const { provider, fetch, apiKey, clock } = options;
  const latest = async () => {
    switch (provider) {
      case "exchangerate-api":
        return parseExchangeRateApiLatest(await fetch(EXCHANGERATE_API_LATEST_PATH));
      case "frankfurter":
        return parseFrankfurterLatest(await fetch(FRANKFURTER_LATEST_PATH));
      case "eximbank": {
        const key = await apiKey();
        if (!key)
          throw new ProviderError("provider-error", "eximbank: the secret fx-api-key is not readable");
        const date = kstDateOf(clock.now());
        return parseEximbankAp01(await fetch(eximbankAp01Path(key, date)), date);
      }
    }
  };
  return { provider, latest };
};

/** Days per time-series request: a year of every currency stays well under the binding's 2 MiB body limit. */
export const SERIES_SEGMENT_DAYS = 366;

/** `[from, to]` cut into consecutive segments of at most `days` days. */
export const seriesSegments = (from: KstDate, to: KstDate, days = SERIES_SEGMENT_DAYS) => {
  const segments: { from: KstDate; to: KstDate }[] = [];
  const all = kstDatesBetween(from, to);
  for (let i = 0; i < all.length; i += days) {
    const start = all[i] as KstDate;
    const last = all[Math.min(i + days, all.length) - 1] as KstDate;
    segments.push({ from: start, to: last });
  }
  return segments;
};

/** Daily closes from a Frankfurter-format time series (`/v1/START..END?base=KRW`), a year per request. */
export const frankfurterSeriesSource = (fetch: ProviderFetch): DailySeriesSource => ({
  provider: "frankfurter",
  async dailySeries(from, to) {
    const days = [];
    for (const segment of seriesSegments(from, to)) {
      const body = await fetch(frankfurterSeriesPath(segment.from, segment.to));
      days.push(...parseFrankfurterSeries(body, segment.from, segment.to));
    }
    return days;
  },
});
