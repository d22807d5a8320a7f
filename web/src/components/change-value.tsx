import { directionOf, formatSignedPercent, formatSignedRate } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";

const ARROWS = { up: "▲", down: "▼", flat: "" } as const;

/**
 * A change with arrow, sign and colour — Korean convention: up is red, down is blue. The arrow and
 * sign carry the meaning too, so it does not depend on colour alone.
 */
export const ChangeValue = ({ change, percent }: { change: number | null; percent: number | null }) => {
  const { locale, t } = useLocale();
  if (change === null) return <span className="change change--flat">{t("state.notEnoughData")}</span>;
  const direction = directionOf(change);
  return (
    <span className={`change change--${direction}`}>
      {ARROWS[direction] && <span aria-hidden="true">{ARROWS[direction]} </span>}
      {formatSignedRate(change, locale)}
      {percent !== null && <span className="change__percent"> ({formatSignedPercent(percent, locale)})</span>}
    </span>
  );
};
