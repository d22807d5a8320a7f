import type { ReactNode } from "react";
import { ApiError } from "../api/api-client.ts";
import type { ApiState } from "../api/use-api.ts";
import { useLocale } from "../i18n/locale-context.tsx";

export const LoadingState = () => {
  const { t } = useLocale();
  return (
    <output className="state state--loading" data-state="loading">
      <span className="spinner" aria-hidden="true" />
      {t("state.loading")}
    </output>
  );
};

/** Says that the data could not be loaded — and shows no figures in its place. */
export const ErrorState = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useLocale();
  const code = error instanceof ApiError ? error.code : "UNKNOWN";
  return (
    <div className="state state--error" role="alert" data-state="error">
      <p className="state__title">{t("state.error")}</p>
      <p className="state__detail">{t("state.errorCode", { code })}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t("state.retry")}
        </button>
      )}
    </div>
  );
};

export const EmptyState = ({ message }: { message: string }) => (
  <p className="state state--empty" data-state="empty">
    {message}
  </p>
);

/** Renders loading, error or the data of an API state. */
export const ApiView = <T,>({
  state,
  reload,
  children,
}: {
  state: ApiState<T>;
  reload?: () => void;
  children: (data: T) => ReactNode;
}) => {
  if (state.status === "loading") return <LoadingState />;
  if (state.status === "error")
    return <ErrorState error={state.error} {...(reload ? { onRetry: reload } : {})} />;
  return <>{children(state.data)}</>;
};
