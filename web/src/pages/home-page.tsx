import { CountrySearch } from "../components/country-search.tsx";
import { RankingBoard } from "../components/ranking-board.tsx";
import { RatesBoard } from "../components/rates-board.tsx";
import { useLocale } from "../i18n/locale-context.tsx";

export const HomePage = () => {
  const { t } = useLocale();
  return (
    <>
      <section className="hero">
        <h1 className="hero__title">{t("app.tagline")}</h1>
        <CountrySearch />
      </section>
      <div className="grid grid--two">
        <RankingBoard />
        <RatesBoard />
      </div>
    </>
  );
};
