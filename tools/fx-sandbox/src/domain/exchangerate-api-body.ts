import { DateTime } from "luxon";
import { STEP_MS } from "./kst-calendar.ts";

/** ExchangeRate-API shows rates with up to 10 decimals. */
export const EXCHANGERATE_API_DECIMALS = 10;

export type ExchangeRateErrorType =
  | "unsupported-code"
  | "invalid-key"
  | "malformed-request"
  | "quota-reached";

/**
 * Body of ExchangeRate-API open access `GET /v6/latest/{base}`. The real service updates once a day; the
 * sandbox publishes a new update every 2-minute step so each ingestion run sees a new snapshot.
 */
export const exchangeRateLatestBody = (input: {
  base: string;
  rates: Record<string, number>;
  updatedAtMs: number;
}) => {
  const last = DateTime.fromMillis(input.updatedAtMs, { zone: "utc" });
  const next = last.plus({ milliseconds: STEP_MS });
  return {
    result: "success",
    provider: "https://www.exchangerate-api.com",
    documentation: "https://www.exchangerate-api.com/docs/free",
    terms_of_use: "https://www.exchangerate-api.com/terms",
    time_last_update_unix: last.toUnixInteger(),
    time_last_update_utc: last.toRFC2822() ?? "",
    time_next_update_unix: next.toUnixInteger(),
    time_next_update_utc: next.toRFC2822() ?? "",
    time_eol_unix: 0,
    base_code: input.base,
    rates: input.rates,
  };
};

export const exchangeRateErrorBody = (errorType: ExchangeRateErrorType) => ({
  result: "error",
  "error-type": errorType,
});
