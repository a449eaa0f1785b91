import { useTranslation } from "react-i18next";

import { errorMessage } from "@/lib/errors";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t("common.loading")}
    </p>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="empty">{children}</p>;
}

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice--error" role="alert">
      {errorMessage(error, t)}
    </p>
  );
}
