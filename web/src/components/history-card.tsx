import type { Currency } from "@trip/shared";
import { fetchHistory } from "../api/endpoints.ts";
import type { History, Period } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { displayRate } from "../domain/converter.ts";
import { formatPointLabel } from "../format/date-format.ts";
import { formatRate } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { ApiView, EmptyState } from "./async-states.tsx";
import { LineChart } from "./line-chart.tsx";
import { PeriodTabs } from "./period-tabs.tsx";

const HistoryChart = ({ currency, history }: { currency: Currency; history: History }) => {
  const { locale, t } = useLocale();
  const values = history.results.map((p) => (p.rate === null ? null : displayRate(p.rate, currency.unit)));
  const finite = values.filter((v): v is number => v !== null);
  if (finite.length === 0) return <EmptyState message={t("chart.empty")} />;
  const format = (v: number) => formatRate(v, locale);
  return (
    <LineChart
      testId="history-chart"
      title={`${t("chart.title")} · ${t("chart.unit", { amount: currency.unit, code: currency.code })}`}
      summary={t("chart.summary", {
        count: finite.length,
        min: format(Math.min(...finite)),
        max: format(Math.max(...finite)),
      })}
      series={[{ key: currency.code, label: currency.code, color: "var(--chart-primary)", values }]}
      labels={history.results.map((p) => formatPointLabel(p.date, locale))}
      formatValue={format}
    />
  );
};

/** Rate history with period tabs 1d…1y; the chart shows every point the API returned. */
export const HistoryCard = ({
  currency,
  period,
  onPeriodChange,
}: {
  currency: Currency;
  period: Period;
  onPeriodChange: (period: Period) => void;
}) => {
  const { t } = useLocale();
  const { state, reload } = useApi(`history:${currency.code}:${period}`, (signal) =>
    fetchHistory(currency.code, period, signal),
  );
  return (
    <section className="card card--wide" aria-labelledby="history-title">
      <header className="card__header">
        <h2 id="history-title">{t("chart.title")}</h2>
        <p className="card__meta">{t("chart.unit", { amount: currency.unit, code: currency.code })}</p>
      </header>
      <PeriodTabs value={period} onChange={onPeriodChange} controls="history-panel" idPrefix="history" />
      <div id="history-panel" role="tabpanel" aria-labelledby={`history-tab-${period}`} className="tabpanel">
        <ApiView state={state} reload={reload}>
          {(history) => <HistoryChart currency={currency} history={history} />}
        </ApiView>
        <p className="card__footnote">{t("chart.keyboardHint")}</p>
      </div>
    </section>
  );
};
