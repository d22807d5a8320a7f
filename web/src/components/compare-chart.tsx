import { fetchHistory } from "../api/endpoints.ts";
import type { Period } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { rebaseSeries } from "../domain/rebased-series.ts";
import { formatPointLabel } from "../format/date-format.ts";
import { formatNumber } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { ApiView, EmptyState } from "./async-states.tsx";
import { LineChart } from "./line-chart.tsx";

/** Okabe–Ito based, distinguishable with colour-vision deficiencies and ≥3:1 against white. */
export const SERIES_COLORS = ["#0072b2", "#d55e00", "#007a5e", "#aa4499", "#6a3d9a"] as const;
export const seriesColor = (index: number): string =>
  SERIES_COLORS[index % SERIES_COLORS.length] ?? "#0072b2";

const loadSeries = (codes: readonly string[], period: Period) => async (signal: AbortSignal) => {
  const histories = await Promise.all(codes.map((code) => fetchHistory(code, period, signal)));
  return rebaseSeries(histories.map((h, i) => ({ key: codes[i] ?? h.target, points: h.results })));
};

/** Two to five currencies on one chart, each rebased to 100 at the start of the period. */
export const CompareChart = ({ codes, period }: { codes: readonly string[]; period: Period }) => {
  const { locale, t } = useLocale();
  const { state, reload } = useApi(`compare-chart:${codes.join(",")}:${period}`, loadSeries(codes, period));
  return (
    <section className="card card--wide" aria-labelledby="compare-chart-title">
      <header className="card__header">
        <h2 id="compare-chart-title">{t("compare.chartTitle")}</h2>
      </header>
      <ApiView state={state} reload={reload}>
        {({ dates, series }) =>
          dates.length === 0 ? (
            <EmptyState message={t("chart.empty")} />
          ) : (
            <>
              <ul className="legend">
                {series.map((s, i) => (
                  <li key={s.key}>
                    <span className="swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
                    {s.key}
                  </li>
                ))}
              </ul>
              <LineChart
                testId="compare-chart"
                title={t("compare.chartTitle")}
                summary={codes.join(", ")}
                series={series.map((s, i) => ({
                  key: s.key,
                  label: s.key,
                  color: seriesColor(i),
                  values: s.values,
                }))}
                labels={dates.map((d) => formatPointLabel(d, locale))}
                formatValue={(v) => formatNumber(v, locale, 2)}
              />
            </>
          )
        }
      </ApiView>
    </section>
  );
};
