import { useEffect, useRef } from "react";
import { matchRoute } from "./domain/routes.ts";
import { LocaleProvider, useLocale } from "./i18n/locale-context.tsx";
import { NoticeProvider } from "./notice-context.tsx";
import { ComparePage } from "./pages/compare-page.tsx";
import { DestinationPage } from "./pages/destination-page.tsx";
import { HomePage } from "./pages/home-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { Link, useLocation } from "./router.tsx";

const CurrentPage = ({ pathname }: { pathname: string }) => {
  const route = matchRoute(pathname);
  switch (route.name) {
    case "home":
      return <HomePage />;
    case "destination":
      return <DestinationPage code={route.country} />;
    case "compare":
      return <ComparePage />;
    default:
      return <NotFoundPage />;
  }
};

const Shell = () => {
  const { locale, setLocale, t } = useLocale();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  const other = locale === "ko" ? "en" : "ko";
  const section = matchRoute(pathname).name;

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (pathname !== firstPath.current) main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            {t("app.title")}
          </Link>
          <nav aria-label={t("nav.label")} className="nav">
            <Link to="/" aria-current={section === "home" ? "page" : undefined}>
              {t("nav.home")}
            </Link>
            <Link to="/compare" aria-current={section === "compare" ? "page" : undefined}>
              {t("nav.compare")}
            </Link>
          </nav>
          <button
            type="button"
            className="lang-switch"
            lang={other}
            aria-label={t("lang.switchLabel")}
            onClick={() => setLocale(other)}
          >
            {t("lang.switch")}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="page">
        <CurrentPage pathname={pathname} />
      </main>
      <footer className="footer">{t("app.footer")}</footer>
    </>
  );
};

export const App = () => (
  <LocaleProvider>
    <NoticeProvider>
      <Shell />
    </NoticeProvider>
  </LocaleProvider>
);
