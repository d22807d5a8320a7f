import { getCurrency } from "@trip/shared";
import { fetchCurrency } from "../api/endpoints.ts";
import type { CurrencyDetail } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { displayRate } from "../domain/converter.ts";
import { flagOf } from "../domain/flag.ts";
import { formatRate } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { ApiView } from "./async-states.tsx";
import { ChangeValue } from "./change-value.tsx";

/** What Korean travellers exchange most; JPY and IDR show their per-100 quoting unit. */
const POPULAR = ["USD", "JPY", "EUR", "CNY", "VND", "THB", "TWD", "PHP", "HKD", "IDR"] as const;
const POLL_MS = 60_000;

type Row = { code: string; result: PromiseSettledResult<CurrencyDetail> };

/** One request per currency; the board fails as a whole only when every row failed. */
const loadRows = async (signal: AbortSignal): Promise<Row[]> => {
  const results = await Promise.allSettled(POPULAR.map((code) => fetchCurrency(code, signal)));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected && results.every((r) => r.status === "rejected")) throw rejected.reason;
  return results.map((result, i) => ({ code: POPULAR[i] ?? "", result }));
};

const RateRow = ({ row }: { row: Row }) => {
  const { locale, t } = useLocale();
  const currency = getCurrency(row.code);
  const unit = currency?.unit ?? 1;
  const label = (
    <th scope="row">
      <div className="rates__currency">
        <span className="flag" aria-hidden="true">
          {flagOf(currency?.countryCode ?? "")}
        </span>
        <span className="rates__code">
          {unit > 1 ? `${row.code} ${unit}` : row.code}
          <span className="rates__name">{locale === "ko" ? currency?.nameKo : currency?.nameEn}</span>
        </span>
      </div>
    </th>
  );
  if (row.result.status === "rejected") {
    return (
      <tr data-currency={row.code}>
        {label}
        <td colSpan={2} className="rates__unavailable">
          {t("rates.rowUnavailable")}
        </td>
      </tr>
    );
  }
  const detail = row.result.value;
  return (
    <tr data-currency={row.code}>
      {label}
      <td className="num">{formatRate(displayRate(detail.current_rate, unit), locale)}</td>
      <td className="num">
        <ChangeValue
          change={detail.change === null ? null : displayRate(detail.change, unit)}
          rate={displayRate(detail.current_rate, unit)}
          percent={detail.change_percent}
        />
      </td>
    </tr>
  );
};

/** KRW per unit for popular currencies, with the change against yesterday's close. */
export const RatesBoard = () => {
  const { t } = useLocale();
  const { state, reload } = useApi("rates:popular", loadRows, { pollMs: POLL_MS });
  return (
    <section
      className="card"
      aria-labelledby="rates-title"
      data-testid="rates-board"
      aria-busy={state.status === "loading"}
    >
      <header className="card__header">
        <h2 id="rates-title">{t("rates.title")}</h2>
      </header>
      <ApiView state={state} reload={reload}>
        {(rows) => (
          <table className="rates">
            <caption>{t("rates.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rates.currency")}</th>
                <th scope="col" className="num">
                  {t("rates.rate")}
                </th>
                <th scope="col" className="num">
                  {t("rates.change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <RateRow key={row.code} row={row} />
              ))}
            </tbody>
          </table>
        )}
      </ApiView>
    </section>
  );
};
