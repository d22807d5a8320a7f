import { useLocale } from "../i18n/locale-context.tsx";
import { Link } from "../router.tsx";

export const NotFoundPage = ({ message }: { message?: string }) => {
  const { t } = useLocale();
  return (
    <section className="card not-found">
      <h1>{t("notFound.title")}</h1>
      {message && <p>{message}</p>}
      <Link to="/" className="button">
        {t("notFound.back")}
      </Link>
    </section>
  );
};
