import { type Country, type Currency, getCountry, getCurrency, HOME_COUNTRY_CODE } from "@trip/shared";
import { useState } from "react";
import { fetchCurrency } from "../api/endpoints.ts";
import type { Period } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { BigMacCard } from "../components/big-mac-card.tsx";
import { ConverterCard } from "../components/converter-card.tsx";
import { CurrencyCard } from "../components/currency-card.tsx";
import { HistoryCard } from "../components/history-card.tsx";
import { StatsPanel } from "../components/stats-panel.tsx";
import { useLocale } from "../i18n/locale-context.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

const RATE_POLL_MS = 60_000;

const Destination = ({ country, currency }: { country: Country; currency: Currency }) => {
  const { locale, t } = useLocale();
  const [period, setPeriod] = useState<Period>("1m");
  const { state, reload } = useApi(
    `currency:${currency.code}`,
    (signal) => fetchCurrency(currency.code, signal),
    {
      pollMs: RATE_POLL_MS,
    },
  );
  return (
    <>
      <header className="page-header">
        <h1>
          <span className="flag flag--large" aria-hidden="true">
            {country.flag}
          </span>
          {locale === "ko" ? country.nameKo : country.nameEn}
        </h1>
        <p className="page-header__sub">
          {t("destination.currency", {
            name: locale === "ko" ? currency.nameKo : currency.nameEn,
            code: currency.code,
          })}
        </p>
      </header>
      <div className="grid grid--two">
        <CurrencyCard currency={currency} state={state} reload={reload} />
        <ConverterCard currency={currency} state={state} reload={reload} />
        <HistoryCard currency={currency} period={period} onPeriodChange={setPeriod} />
        <StatsPanel currency={currency} period={period} />
        <BigMacCard country={country} currency={currency} />
      </div>
    </>
  );
};

/** `/destinations/:country` — rates, converter, history, statistics and the Big Mac comparison. */
export const DestinationPage = ({ code }: { code: string }) => {
  const { t } = useLocale();
  const country = getCountry(code);
  const currency = country && getCurrency(country.currencyCode);
  if (!country || !currency) return <NotFoundPage message={t("destination.unknown", { code })} />;
  if (country.code === HOME_COUNTRY_CODE) return <NotFoundPage message={t("destination.home")} />;
  return <Destination key={country.code} country={country} currency={currency} />;
};
