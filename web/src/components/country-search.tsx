import { type Country, HOME_COUNTRY_CODE, searchCountries } from "@trip/shared";
import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { postSelection } from "../api/endpoints.ts";
import { recordSelection } from "../api/record-selection.ts";
import { browserSessionId, newUuid } from "../domain/client-ids.ts";
import { destinationPath } from "../domain/routes.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { useNotice } from "../notice-context.tsx";
import { navigate } from "../router.tsx";

const MAX_RESULTS = 8;

/** Destination search (ARIA combobox): Korean or English name or code; picking records a selection. */
export const CountrySearch = () => {
  const { locale, t } = useLocale();
  const notice = useNotice();
  const id = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = useMemo(
    () =>
      query.trim() === ""
        ? []
        : searchCountries(query)
            .filter((c) => c.code !== HOME_COUNTRY_CODE)
            .slice(0, MAX_RESULTS),
    [query],
  );
  const expanded = open && query.trim() !== "";
  const optionId = (code: string) => `${id}-option-${code}`;

  const pick = (country: Country) => {
    recordSelection(country.code, {
      post: postSelection,
      selectionId: newUuid(),
      sessionId: browserSessionId(),
    }).catch((err: unknown) => {
      const code = err instanceof ApiError ? err.code : "UNKNOWN";
      notice.show(
        code === "RATE_LIMIT_EXCEEDED" ? t("selection.rateLimited") : t("selection.failed", { code }),
      );
    });
    setQuery("");
    setOpen(false);
    navigate(destinationPath(country.code));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(results.length - 1, 0)));
    } else if (event.key === "Enter") {
      const chosen = results[active];
      if (expanded && chosen) {
        event.preventDefault();
        pick(chosen);
      }
    } else if (event.key === "Escape") {
      if (open) setOpen(false);
      else setQuery("");
    }
  };

  const primary = (c: Country) => (locale === "ko" ? c.nameKo : c.nameEn);
  const secondary = (c: Country) => (locale === "ko" ? c.nameEn : c.nameKo);
  const activeResult = results[active];

  return (
    <div className="search">
      <label htmlFor={`${id}-input`} className="search__label">
        {t("search.label")}
      </label>
      <div className="search__box">
        <input
          id={`${id}-input`}
          className="search__input"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-listbox`}
          aria-describedby={`${id}-hint`}
          {...(expanded && activeResult ? { "aria-activedescendant": optionId(activeResult.code) } : {})}
          autoComplete="off"
          spellCheck={false}
          placeholder={t("search.placeholder")}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <div
          id={`${id}-listbox`}
          role="listbox"
          aria-label={t("search.label")}
          className="search__list"
          hidden={!expanded || results.length === 0}
        >
          {results.map((c, i) => (
            // Options are not tab stops: the input keeps focus and arrow keys move aria-activedescendant.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard
            <div
              key={c.code}
              id={optionId(c.code)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className="search__option"
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(c)}
            >
              <span className="flag" aria-hidden="true">
                {c.flag}
              </span>
              <span className="search__name">{primary(c)}</span>
              <span className="search__alt">{secondary(c)}</span>
              <span className="search__code">
                {c.code} · {c.currencyCode}
              </span>
            </div>
          ))}
        </div>
      </div>
      {expanded && results.length === 0 && (
        <p className="search__empty">{t("search.noResults", { query })}</p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {expanded ? t("search.resultCount", { count: results.length }) : ""}
      </p>
      <p id={`${id}-hint`} className="search__hint">
        {t("search.hint")}
      </p>
    </div>
  );
};
