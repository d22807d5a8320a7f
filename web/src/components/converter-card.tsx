import type { Currency } from "@trip/shared";
import { useId, useState } from "react";
import type { CurrencyDetail } from "../api/types.ts";
import type { ApiState } from "../api/use-api.ts";
import { amountForInput, krwToLocal, localToKrw, parseAmount } from "../domain/converter.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { ApiView } from "./async-states.tsx";

type Edited = { side: "local" | "krw"; text: string };

const defaultAmount = (currency: Currency, rate: number) =>
  currency.unit === 100 ? 1000 : rate < 1 ? 100_000 : 100;

/** Both directions, updated as you type: the field you edit is kept, the other one is derived. */
const ConverterFields = ({ currency, rate }: { currency: Currency; rate: number }) => {
  const { t } = useLocale();
  const id = useId();
  const [edited, setEdited] = useState<Edited>({
    side: "local",
    text: String(defaultAmount(currency, rate)),
  });
  const parsed = parseAmount(edited.text);
  const derived =
    parsed.kind !== "amount"
      ? ""
      : edited.side === "local"
        ? amountForInput(localToKrw(parsed.value, rate), 0)
        : amountForInput(krwToLocal(parsed.value, rate), currency.decimals);
  const field = (side: Edited["side"], label: string) => {
    const invalid = edited.side === side && parsed.kind === "invalid";
    return (
      <div className="field">
        <label htmlFor={`${id}-${side}`}>{label}</label>
        <input
          id={`${id}-${side}`}
          className="field__input num"
          inputMode="decimal"
          autoComplete="off"
          value={edited.side === side ? edited.text : derived}
          aria-invalid={invalid}
          {...(invalid ? { "aria-describedby": `${id}-${side}-error` } : {})}
          onChange={(e) => setEdited({ side, text: e.target.value })}
        />
        {invalid && (
          <p id={`${id}-${side}-error`} className="field__error">
            {t("converter.invalid")}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="converter">
      {field("local", t("converter.local", { code: currency.code }))}
      <span className="converter__arrows" aria-hidden="true">
        ⇅
      </span>
      {field("krw", t("converter.krw"))}
    </div>
  );
};

export const ConverterCard = ({
  currency,
  state,
  reload,
}: {
  currency: Currency;
  state: ApiState<CurrencyDetail>;
  reload: () => void;
}) => {
  const { t } = useLocale();
  return (
    <section className="card" aria-labelledby="converter-title" data-testid="converter">
      <header className="card__header">
        <h2 id="converter-title">{t("converter.title")}</h2>
      </header>
      <ApiView state={state} reload={reload}>
        {(detail) => (
          <>
            <ConverterFields currency={currency} rate={detail.current_rate} />
            <p className="card__meta">{t("converter.note")}</p>
          </>
        )}
      </ApiView>
    </section>
  );
};
