import { BIG_MAC_ATTRIBUTION, bigMacPriceFor, type Country, type Currency } from "@trip/shared";
import { ApiError } from "../api/api-client.ts";
import { fetchPriceIndex } from "../api/endpoints.ts";
import type { PriceIndex } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { formatKstDate } from "../format/date-format.ts";
import { formatKrw, formatMoney, formatPercent } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { EmptyState, ErrorState, LoadingState } from "./async-states.tsx";

/** Within ±2 % of Korea counts as "about the same". */
const SAME_BAND = 2;

const verdictClass = (difference: number) =>
  Math.abs(difference) < SAME_BAND
    ? "bigmac__verdict"
    : `bigmac__verdict change--${difference < 0 ? "down" : "up"}`;

const BigMacSentence = ({ currency, index }: { currency: Currency; index: PriceIndex }) => {
  const { locale, t } = useLocale();
  const prices = index.price_data;
  const relative = index.indices.bigmac_index;
  const difference = relative === null ? null : relative - 100;
  return (
    <>
      <p className="bigmac__sentence">
        {t("bigmac.sentence", {
          krw: formatKrw(prices.bigmac_price_krw, locale),
          local: formatMoney(prices.bigmac_price_local, currency.code, currency.decimals, locale),
          home: formatKrw(prices.base_bigmac_price_krw, locale),
        })}
      </p>
      {difference !== null && (
        <p className={verdictClass(difference)}>
          {Math.abs(difference) < SAME_BAND
            ? t("bigmac.same")
            : t(difference < 0 ? "bigmac.cheaper" : "bigmac.dearer", {
                percent: formatPercent(Math.abs(difference), locale, 0),
              })}
        </p>
      )}
      <p className="card__meta">{t("bigmac.asOf", { date: formatKstDate(index.data_date, locale) })}</p>
      <p className="card__footnote">{BIG_MAC_ATTRIBUTION}</p>
    </>
  );
};

const BigMacIndex = ({ country, currency }: { country: Country; currency: Currency }) => {
  const { t } = useLocale();
  const { state, reload } = useApi(`bigmac:${country.code}`, (signal) =>
    fetchPriceIndex(country.code, signal),
  );
  const uncovered =
    state.status === "error" &&
    state.error instanceof ApiError &&
    (state.error.status === 404 || state.error.code === "INVALID_COUNTRY_CODE");
  if (state.status === "loading") return <LoadingState />;
  if (uncovered) return <EmptyState message={t("bigmac.unavailable")} />;
  if (state.status === "error") return <ErrorState error={state.error} onRetry={reload} />;
  return <BigMacSentence currency={currency} index={state.data} />;
};

/**
 * "A Big Mac here costs about ₩X, ₩Y in Korea", from the currency service's price index. Places the
 * shared catalog knows the index does not cover (e.g. Guam) are not asked for: the answer is a 404.
 */
export const BigMacCard = ({ country, currency }: { country: Country; currency: Currency }) => {
  const { t } = useLocale();
  return (
    <section className="card" aria-labelledby="bigmac-title" data-testid="bigmac">
      <header className="card__header">
        <h2 id="bigmac-title">{t("bigmac.title")}</h2>
      </header>
      {bigMacPriceFor(country.code) ? (
        <BigMacIndex country={country} currency={currency} />
      ) : (
        <EmptyState message={t("bigmac.unavailable")} />
      )}
    </section>
  );
};
