import { formatSignedPercent, formatSignedRate, shownDirectionOf } from "../format/number-format.ts";
import { useLocale } from "../i18n/locale-context.tsx";

const ARROWS = { up: "▲", down: "▼", flat: "" } as const;

/**
 * A change with arrow, sign and colour — Korean convention: up is red, down is blue. The arrow and
 * sign carry the meaning too, so it does not depend on colour alone. The change is shown at the
 * precision of the `rate` it belongs to; one too small to show there is flat.
 */
export const ChangeValue = ({
  change,
  rate,
  percent,
}: {
  change: number | null;
  rate: number;
  percent: number | null;
}) => {
  const { locale, t } = useLocale();
  if (change === null) return <span className="change change--flat">{t("state.notEnoughData")}</span>;
  const direction = shownDirectionOf(change, rate);
  return (
    <span className={`change change--${direction}`}>
      {ARROWS[direction] && <span aria-hidden="true">{ARROWS[direction]} </span>}
      {formatSignedRate(change, rate, locale)}
      {percent !== null && <span className="change__percent"> ({formatSignedPercent(percent, locale)})</span>}
    </span>
  );
};
