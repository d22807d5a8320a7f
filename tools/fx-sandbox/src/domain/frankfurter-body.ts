/** Currencies the ECB publishes reference rates for (Frankfurter's universe). */
export const ECB_CURRENCIES: ReadonlySet<string> = new Set(
  "AUD BGN BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF IDR ILS INR ISK JPY KRW MXN MYR NOK NZD PHP PLN RON SEK SGD THB TRY USD ZAR".split(
    " ",
  ),
);

/** Frankfurter shows rates with up to 8 decimals here (enough for KRW-based quotes). */
export const FRANKFURTER_DECIMALS = 8;

export interface DailyRates {
  readonly date: string;
  readonly rates: Record<string, number>;
}

/** Body of `GET /v1/latest` and `GET /v1/{date}`. */
export const frankfurterDayBody = (amount: number, base: string, day: DailyRates) => ({
  amount,
  base,
  date: day.date,
  rates: day.rates,
});

/** Body of the time series `GET /v1/{start}..{end}`: dates are the business days that have rates. */
export const frankfurterSeriesBody = (amount: number, base: string, days: readonly DailyRates[]) => ({
  amount,
  base,
  start_date: days[0]?.date ?? "",
  end_date: days[days.length - 1]?.date ?? "",
  rates: Object.fromEntries(days.map((day) => [day.date, day.rates])),
});

export const frankfurterNotFoundBody = { message: "not found" } as const;
