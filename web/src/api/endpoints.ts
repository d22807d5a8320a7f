import { requestData } from "./api-client.ts";
import {
  comparisonSchema,
  currencyDetailSchema,
  historySchema,
  historyStatsSchema,
  type Period,
  priceIndexSchema,
  rankingSchema,
  selectionRecordedSchema,
} from "./types.ts";

/** The typed API of the UI: one function per endpoint it uses (paths per CONTRACT.md §3-5). */
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

export const fetchCurrency = (code: string, signal?: AbortSignal) =>
  requestData(`/api/v1/currencies/${encodeURIComponent(code)}`, currencyDetailSchema, { signal });

export const fetchDailyRanking = (signal?: AbortSignal) =>
  requestData(`/api/v1/rankings?${query({ period: "daily", limit: "10" })}`, rankingSchema, { signal });

export const fetchPriceIndex = (country: string, signal?: AbortSignal) =>
  requestData(`/api/v1/currencies/price-index?${query({ country, base_country: "KR" })}`, priceIndexSchema, {
    signal,
  });

export const fetchHistory = (target: string, period: Period, signal?: AbortSignal) =>
  requestData(`/api/v1/history?${query({ target, period, base: "KRW" })}`, historySchema, { signal });

export const fetchHistoryStats = (target: string, period: Period, signal?: AbortSignal) =>
  requestData(`/api/v1/history/stats?${query({ target, period, base: "KRW" })}`, historyStatsSchema, {
    signal,
  });

export const fetchComparison = (targets: readonly string[], period: Period, signal?: AbortSignal) =>
  requestData(
    `/api/v1/history/compare?${query({ targets: targets.join(","), period, base: "KRW" })}`,
    comparisonSchema,
    { signal },
  );

export interface SelectionInput {
  country_code: string;
  selection_id: string;
  session_id: string;
  referrer: string;
}

export const postSelection = (selection: SelectionInput) =>
  requestData("/api/v1/rankings/selections", selectionRecordedSchema, { method: "POST", body: selection });
