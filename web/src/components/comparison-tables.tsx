import { getCurrency } from "@trip/shared";
import { fetchComparison } from "../api/endpoints.ts";
import type { Comparison, Period } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { correlationOf } from "../domain/compare-query.ts";
import { displayRate } from "../domain/converter.ts";
import { formatFixed, formatNumber, formatRate, formatSignedPercent } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { ApiView } from "./async-states.tsx";

const PerformanceTable = ({ data }: { data: Comparison }) => {
  const { locale, t } = useLocale();
  const dash = "–";
  return (
    <table className="table" data-testid="performance-table" aria-labelledby="comparison-title">
      <thead>
        <tr>
          <th scope="col">{t("rates.currency")}</th>
          <th scope="col" className="num">
            {t("compare.currentRate")}
          </th>
          <th scope="col" className="num">
            {t("compare.periodChange")}
          </th>
          <th scope="col" className="num">
            {t("stats.volatility")}
          </th>
          <th scope="col" className="num">
            {t("compare.rank")}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.currencies.map((c) => {
          const unit = getCurrency(c.currency)?.unit ?? 1;
          return (
            <tr key={c.currency}>
              <th scope="row">{unit > 1 ? `${c.currency} ${unit}` : c.currency}</th>
              <td className="num">
                {c.current_rate === null ? dash : formatRate(displayRate(c.current_rate, unit), locale)}
              </td>
              <td className="num">
                {c.period_change_percent === null
                  ? dash
                  : formatSignedPercent(c.period_change_percent, locale)}
              </td>
              <td className="num">{c.volatility === null ? dash : formatNumber(c.volatility, locale, 2)}</td>
              <td className="num">{c.performance_rank ?? dash}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
};

const CorrelationTable = ({ codes, data }: { codes: readonly string[]; data: Comparison }) => {
  const { locale, t } = useLocale();
  return (
    <table className="table table--matrix" data-testid="correlation-table">
      <caption>
        {t("compare.correlation")} <span className="muted">— {t("compare.correlationCaption")}</span>
      </caption>
      <thead>
        <tr>
          <td />
          {codes.map((code) => (
            <th key={code} scope="col" className="num">
              {code}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {codes.map((row) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {codes.map((col) => {
              const r = correlationOf(data.correlation_matrix, row, col);
              return (
                <td key={col} className="num" data-pair={`${row}_${col}`}>
                  {r === null ? "–" : formatFixed(r, locale, 2)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** The history service's comparison: performance per currency and the correlation matrix. */
export const ComparisonTables = ({ codes, period }: { codes: readonly string[]; period: Period }) => {
  const { t } = useLocale();
  const { state, reload } = useApi(`comparison:${codes.join(",")}:${period}`, (signal) =>
    fetchComparison(codes, period, signal),
  );
  return (
    <section className="card card--wide" aria-labelledby="comparison-title">
      <header className="card__header">
        <h2 id="comparison-title">{t("compare.tableTitle")}</h2>
      </header>
      <ApiView state={state} reload={reload}>
        {(data) => (
          <div className="table-scroll">
            <PerformanceTable data={data} />
            <CorrelationTable codes={codes} data={data} />
          </div>
        )}
      </ApiView>
    </section>
  );
};
