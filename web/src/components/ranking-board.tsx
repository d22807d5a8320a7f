import { getCountry } from "@trip/shared";
import { fetchDailyRanking } from "../api/endpoints.ts";
import type { RankingEntry } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { flagOf } from "../domain/flag.ts";
import { destinationPath } from "../domain/routes.ts";
import { formatTimeKst } from "../format/date-format.ts";
import { formatNumber, formatPercent } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { Link } from "../router.tsx";
import { ApiView, EmptyState } from "./async-states.tsx";
import { RankMovement } from "./rank-movement.tsx";

/** The ranking snapshot is recomputed every minute; polling every 30 s shows it within ~1.5 min. */
const POLL_MS = 30_000;

const RankingRow = ({ entry }: { entry: RankingEntry }) => {
  const { locale, t } = useLocale();
  const country = getCountry(entry.country_code);
  const name =
    locale === "ko" ? (country?.nameKo ?? entry.country_name) : (country?.nameEn ?? entry.country_name_en);
  return (
    <li className="ranking__row" data-country={entry.country_code}>
      <span className="ranking__rank">
        <span aria-hidden="true">{entry.rank}</span>
        <span className="visually-hidden">{t("ranking.rank", { rank: entry.rank })}</span>
      </span>
      <Link to={destinationPath(entry.country_code)} className="ranking__name">
        <span className="flag" aria-hidden="true">
          {country?.flag ?? flagOf(entry.country_code)}
        </span>
        {name}
        <span className="ranking__currency">{entry.currency_code}</span>
      </Link>
      <RankMovement entry={entry} />
      <span className="ranking__share">
        {t("ranking.picks", {
          count: formatNumber(entry.score, locale),
          percent: formatPercent(entry.percentage, locale),
        })}
      </span>
    </li>
  );
};

/** Today's top-10 destinations with movement against yesterday's final ranking. */
export const RankingBoard = () => {
  const { locale, t } = useLocale();
  const { state, reload } = useApi("ranking:daily", fetchDailyRanking, { pollMs: POLL_MS });
  return (
    <section className="card" aria-labelledby="ranking-title" aria-busy={state.status === "loading"}>
      <header className="card__header">
        <h2 id="ranking-title">{t("ranking.title")}</h2>
        {state.status === "ok" && state.data.last_updated && (
          <p className="card__meta">
            {t("ranking.asOf", { time: formatTimeKst(state.data.last_updated, locale) })}
          </p>
        )}
      </header>
      <ApiView state={state} reload={reload}>
        {(data) =>
          data.ranking.length === 0 ? (
            <EmptyState message={t("ranking.empty")} />
          ) : (
            <>
              <ol className="ranking" data-testid="ranking-list">
                {data.ranking.map((entry) => (
                  <RankingRow key={entry.country_code} entry={entry} />
                ))}
              </ol>
              <p className="card__footnote">
                {t("ranking.total", { count: formatNumber(data.total_selections, locale) })}
              </p>
            </>
          )
        }
      </ApiView>
    </section>
  );
};
