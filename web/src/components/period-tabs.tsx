import { type KeyboardEvent, useRef } from "react";
import { PERIODS, type Period } from "../api/types.ts";
import { useLocale } from "../i18n/locale-context.tsx";

interface PeriodTabsProps {
  value: Period;
  onChange: (period: Period) => void;
  /** id of the panel the tabs control. */
  controls: string;
  idPrefix: string;
}

/** Period tabs (ARIA tabs, roving focus): ←/→ move between periods, Home/End jump to the ends. */
export const PeriodTabs = ({ value, onChange, controls, idPrefix }: PeriodTabsProps) => {
  const { t } = useLocale();
  const buttons = useRef(new Map<Period, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = PERIODS.indexOf(value);
    const next: Record<string, number> = {
      ArrowRight: (current + 1) % PERIODS.length,
      ArrowLeft: (current - 1 + PERIODS.length) % PERIODS.length,
      Home: 0,
      End: PERIODS.length - 1,
    };
    const index = next[event.key];
    const period = index === undefined ? undefined : PERIODS[index];
    if (!period) return;
    event.preventDefault();
    onChange(period);
    buttons.current.get(period)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t("chart.periods")} onKeyDown={onKeyDown}>
      {PERIODS.map((period) => (
        <button
          key={period}
          ref={(el) => {
            if (el) buttons.current.set(period, el);
          }}
          id={`${idPrefix}-tab-${period}`}
          type="button"
          role="tab"
          className="tabs__tab"
          aria-selected={period === value}
          aria-controls={controls}
          tabIndex={period === value ? 0 : -1}
          data-period={period}
          onClick={() => onChange(period)}
        >
          {t(`period.${period}`)}
        </button>
      ))}
    </div>
  );
};
