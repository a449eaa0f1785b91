import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { LatestGigs } from "@/features/search/components/LatestGigs";
import { useMe } from "@/lib/session";

export default function LandingRoute() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <section className="hero">
        <h1>{t("landing.title")}</h1>
        <p className="lead">{t("landing.lead")}</p>
        <p className="actions">
          <Link className="button" to="/search/gigs">
            {t("landing.findWork")}
          </Link>
          <Link className="button button--secondary" to="/search/freelancers">
            {t("landing.findTalent")}
          </Link>
          {!me.data && <Link to="/signup">{t("landing.join")}</Link>}
        </p>
      </section>
      <LatestGigs />
    </>
  );
}
