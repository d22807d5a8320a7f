import type { Currency } from "@trip/shared";
import { fetchHistoryStats } from "../api/endpoints.ts";
import type { HistoryStats, Period } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { displayRate } from "../domain/converter.ts";
import { formatNumber, formatRate, formatSignedPercent } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import type { MessageKey } from "../i18n/translate.ts";
import { ApiView } from "./async-states.tsx";

type Fact = { label: MessageKey; value: string | null };

const FactList = ({ facts, testId }: { facts: Fact[]; testId: string }) => {
  const { t } = useLocale();
  return (
    <dl className="facts facts--grid" data-testid={testId}>
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt>{t(fact.label)}</dt>
          <dd className={fact.value === null ? "muted" : "num"}>{fact.value ?? t("state.notEnoughData")}</dd>
        </div>
      ))}
    </dl>
  );
};

const StatsFacts = ({ currency, stats }: { currency: Currency; stats: HistoryStats }) => {
  const { locale, t } = useLocale();
  // Rate-valued figures are shown per quoting unit, like the card and the chart.
  const rate = (v: number | null) => (v === null ? null : formatRate(displayRate(v, currency.unit), locale));
  const s = stats.statistics;
  const i = stats.technical_indicators;
  return (
    <>
      <FactList
        testId="statistics"
        facts={[
          { label: "stats.average", value: rate(s.period_average) },
          { label: "stats.min", value: rate(s.period_min) },
          { label: "stats.max", value: rate(s.period_max) },
          {
            label: "stats.change",
            value:
              s.total_change_percent === null ? null : formatSignedPercent(s.total_change_percent, locale),
          },
          {
            label: "stats.volatility",
            value: s.volatility_index === null ? null : formatNumber(s.volatility_index, locale, 2),
          },
          {
            label: "stats.trend",
            value: s.trend_direction === null ? null : t(`trend.${s.trend_direction}`),
          },
          { label: "stats.support", value: rate(s.support_level) },
          { label: "stats.resistance", value: rate(s.resistance_level) },
        ]}
      />
      <h3 className="card__subtitle">{t("indicators.title")}</h3>
      <FactList
        testId="indicators"
        facts={[
          { label: "indicators.sma20", value: rate(i.sma_20) },
          { label: "indicators.sma50", value: rate(i.sma_50) },
          { label: "indicators.rsi14", value: i.rsi_14 === null ? null : formatNumber(i.rsi_14, locale, 1) },
          { label: "indicators.bollingerUpper", value: rate(i.bollinger_upper) },
          { label: "indicators.bollingerLower", value: rate(i.bollinger_lower) },
        ]}
      />
    </>
  );
};

/** Period statistics and technical indicators; a figure the service could not compute says so. */
export const StatsPanel = ({ currency, period }: { currency: Currency; period: Period }) => {
  const { t } = useLocale();
  const { state, reload } = useApi(`stats:${currency.code}:${period}`, (signal) =>
    fetchHistoryStats(currency.code, period, signal),
  );
  return (
    <section className="card" aria-labelledby="stats-title">
      <header className="card__header">
        <h2 id="stats-title">{t("stats.title")}</h2>
        <p className="card__meta">{t(`period.${period}`)}</p>
      </header>
      <ApiView state={state} reload={reload}>
        {(stats) => <StatsFacts currency={currency} stats={stats} />}
      </ApiView>
    </section>
  );
};
