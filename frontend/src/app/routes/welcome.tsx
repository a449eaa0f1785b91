import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { RequireSignIn } from "@/components/RequireSignIn";

/** After sign-up: act as a freelancer, as a firm, or both. */
export default function WelcomeRoute() {
  const { t } = useTranslation();
  return (
    <RequireSignIn>
      {(me) => (
        <section>
          <h1>{t("welcome.title")}</h1>
          <p className="lead">{t("welcome.lead")}</p>
          <div className="cards two">
            <div className="card">
              <h2>{t("welcome.freelancer")}</h2>
              <p>{t("welcome.freelancerLead")}</p>
              {me.freelancer_profile ? (
                <Link to="/feed">{t("welcome.openFeed")}</Link>
              ) : (
                <Link className="button" to="/me/profile">
                  {t("welcome.createProfile")}
                </Link>
              )}
            </div>
            <div className="card">
              <h2>{t("welcome.firm")}</h2>
              <p>{t("welcome.firmLead")}</p>
              {me.firms.map((firm) => (
                <p key={firm.slug}>
                  <Link to={`/firms/${firm.slug}`}>{firm.name}</Link>
                </p>
              ))}
              <Link className="button" to="/firms/new">
                {t("welcome.createFirm")}
              </Link>
            </div>
          </div>
        </section>
      )}
    </RequireSignIn>
  );
}
