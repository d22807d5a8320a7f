import type { Currency } from "@trip/shared";
import type { CurrencyDetail } from "../api/types.ts";
import type { ApiState } from "../api/use-api.ts";
import { displayRate } from "../domain/converter.ts";
import { formatDateTimeKst } from "../format/date-format.ts";
import { formatRate } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { ApiView } from "./async-states.tsx";
import { ChangeValue } from "./change-value.tsx";

/** Base rate per quoting unit, TTS/TTB when the provider gives them, change vs yesterday, last update. */
export const CurrencyCard = ({
  currency,
  state,
  reload,
}: {
  currency: Currency;
  state: ApiState<CurrencyDetail>;
  reload: () => void;
}) => {
  const { locale, t } = useLocale();
  const perUnit = (rate: number) => formatRate(displayRate(rate, currency.unit), locale);
  return (
    <section className="card" aria-labelledby="rate-title" data-testid="currency-card">
      <header className="card__header">
        <h2 id="rate-title">{t("card.title")}</h2>
      </header>
      <ApiView state={state} reload={reload}>
        {(detail) => (
          <>
            <p className="rate-hero">
              <span className="rate-hero__value" data-testid="current-rate">
                {perUnit(detail.current_rate)}
              </span>
              <span className="rate-hero__unit">
                KRW · {t("card.per", { amount: currency.unit, code: currency.code })}
              </span>
            </p>
            <dl className="facts">
              <div>
                <dt>{t("card.change")}</dt>
                <dd>
                  <ChangeValue
                    change={detail.change === null ? null : displayRate(detail.change, currency.unit)}
                    rate={displayRate(detail.current_rate, currency.unit)}
                    percent={detail.change_percent}
                  />
                </dd>
              </div>
              {typeof detail.tts === "number" && (
                <div>
                  <dt>{t("card.tts")}</dt>
                  <dd className="num">{perUnit(detail.tts)}</dd>
                </div>
              )}
              {typeof detail.ttb === "number" && (
                <div>
                  <dt>{t("card.ttb")}</dt>
                  <dd className="num">{perUnit(detail.ttb)}</dd>
                </div>
              )}
            </dl>
            <p className="card__meta">
              {t("card.updated", { time: formatDateTimeKst(detail.last_updated, locale) })}
            </p>
          </>
        )}
      </ApiView>
    </section>
  );
};
