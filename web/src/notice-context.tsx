import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import { useLocale } from "./i18n/locale-context.tsx";

interface NoticeValue {
  show: (message: string) => void;
}

const NoticeContext = createContext<NoticeValue | undefined>(undefined);

/** One polite, dismissible message for failures that happen in the background (e.g. recording a pick). */
export const NoticeProvider = ({ children }: { children: ReactNode }) => {
  const [message, setMessage] = useState<string | undefined>(undefined);
  const { t } = useLocale();
  const value = useMemo(() => ({ show: setMessage }), []);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <output className="notice-region" aria-live="polite">
        {message && (
          <div className="notice">
            <span>{message}</span>
            <button type="button" className="notice__close" onClick={() => setMessage(undefined)}>
              {t("notice.dismiss")}
            </button>
          </div>
        )}
      </output>
    </NoticeContext.Provider>
  );
};

export const useNotice = (): NoticeValue => {
  const value = useContext(NoticeContext);
  if (!value) throw new Error("useNotice outside NoticeProvider");
  return value;
};
