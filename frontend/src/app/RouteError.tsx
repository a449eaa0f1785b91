import { useTranslation } from "react-i18next";
import { Link, useRouteError } from "react-router-dom";

import { ErrorNotice } from "@/components/States";

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main className="page" id="main">
      <h1>{t("errors.title")}</h1>
      <ErrorNotice error={error} />
      <Link to="/">{t("nav.home")}</Link>
    </main>
  );
}
