import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

export default function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t("errors.notFoundTitle")}</h1>
      <Link to="/">{t("nav.home")}</Link>
    </section>
  );
}
