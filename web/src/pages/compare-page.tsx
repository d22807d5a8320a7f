import { FOREIGN_CURRENCY_CODES, getCurrency } from "@trip/shared";
import { CompareChart } from "../components/compare-chart.tsx";
import { ComparisonTables } from "../components/comparison-tables.tsx";
import { PeriodTabs } from "../components/period-tabs.tsx";
import {
  type CompareQuery,
  compareSearch,
  MAX_COMPARED,
  MIN_COMPARED,
  parseCompareQuery,
  toggleCurrency,
} from "../domain/compare-query.ts";
import { flagOf } from "../domain/flag.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { navigate, useLocation } from "../router.tsx";

/** `/compare?currencies=USD,JPY&period=1m` — the URL is the state, so a comparison can be shared. */
export const ComparePage = () => {
  const { locale, t } = useLocale();
  const { search } = useLocation();
  const query = parseCompareQuery(search);
  const update = (next: CompareQuery) => navigate(`/compare${compareSearch(next)}`, { replace: true });
  const full = query.currencies.length >= MAX_COMPARED;
  const enough = query.currencies.length >= MIN_COMPARED;
  return (
    <>
      <header className="page-header">
        <h1>{t("compare.title")}</h1>
        <p className="page-header__sub">{t("compare.intro")}</p>
      </header>
      <section className="card card--wide">
        <fieldset className="chips">
          <legend>{t("compare.pick")}</legend>
          {FOREIGN_CURRENCY_CODES.map((code) => {
            const currency = getCurrency(code);
            const selected = query.currencies.includes(code);
            return (
              <button
                key={code}
                type="button"
                className="chip"
                aria-pressed={selected}
                disabled={!selected && full}
                title={locale === "ko" ? currency?.nameKo : currency?.nameEn}
                onClick={() => update({ ...query, currencies: toggleCurrency(query.currencies, code) })}
              >
                <span aria-hidden="true">{flagOf(currency?.countryCode ?? "")}</span> {code}
              </button>
            );
          })}
        </fieldset>
        <p className="card__meta" aria-live="polite">
          {!enough ? t("compare.tooFew") : full ? t("compare.limit") : ""}
        </p>
        <PeriodTabs
          value={query.period}
          onChange={(period) => update({ ...query, period })}
          controls="compare-panel"
          idPrefix="compare"
        />
      </section>
      {enough && (
        <div
          id="compare-panel"
          role="tabpanel"
          aria-labelledby={`compare-tab-${query.period}`}
          className="grid"
        >
          <CompareChart codes={query.currencies} period={query.period} />
          <ComparisonTables codes={query.currencies} period={query.period} />
        </div>
      )}
    </>
  );
};
