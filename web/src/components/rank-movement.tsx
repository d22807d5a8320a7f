import type { RankingEntry } from "../api/types.ts";
import { useLocale } from "../i18n/locale-context.tsx";

/** ▲/▼ with the number of places moved, "–" for no change, a NEW badge for a new entry. */
export const RankMovement = ({ entry }: { entry: Pick<RankingEntry, "change" | "change_value"> }) => {
  const { t } = useLocale();
  const n = Math.abs(entry.change_value);
  switch (entry.change) {
    case "UP":
      return (
        <span className="movement change--up" title={t("move.up", { n })}>
          <span aria-hidden="true">▲{n}</span>
          <span className="visually-hidden">{t("move.up", { n })}</span>
        </span>
      );
    case "DOWN":
      return (
        <span className="movement change--down" title={t("move.down", { n })}>
          <span aria-hidden="true">▼{n}</span>
          <span className="visually-hidden">{t("move.down", { n })}</span>
        </span>
      );
    case "NEW":
      return (
        <span className="movement movement--new">
          <span aria-hidden="true">NEW</span>
          <span className="visually-hidden">{t("move.new")}</span>
        </span>
      );
    default:
      return (
        <span className="movement change--flat">
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">{t("move.same")}</span>
        </span>
      );
  }
};
