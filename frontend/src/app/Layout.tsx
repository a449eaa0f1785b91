import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useNavigate, useNavigation } from "react-router-dom";

import { LanguageSwitcher } from "@/components/LanguageSwitcher";
import { Loading } from "@/components/States";
import { stopChatSocket } from "@/features/chat/lib/socket";
import { UnreadBadge } from "@/features/chat/components/UnreadBadge";
import { NotificationBell } from "@/features/notifications/components/NotificationBell";
import { auth } from "@/lib/auth";
import { meKey, setSignedIn, useMe } from "@/lib/session";
import { useSyncLanguage } from "@/app/useSyncLanguage";

export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const client = useQueryClient();
  useSyncLanguage();
  const logout = useMutation({
    mutationFn: () => auth.logout(),
    onSettled: () => {
      setSignedIn(false);
      stopChatSocket();
      client.clear();
      client.setQueryData(meKey, null);
      navigate("/");
    },
  });
  const user = me.data;
  return (
    <>
      <a className="skip" href="#main">
        {t("nav.skip")}
      </a>
      <header className="bar">
        <Link to="/" className="brand">
          Nanoguild
        </Link>
        <nav aria-label={t("nav.main")}>
          <NavLink to="/search/gigs">{t("nav.findWork")}</NavLink>
          <NavLink to="/search/freelancers">{t("nav.findTalent")}</NavLink>
          {user && (
            <>
              {user.freelancer_profile && <NavLink to="/feed">{t("nav.feed")}</NavLink>}
              {user.firms.length > 0 && <NavLink to="/gigs/new">{t("nav.postGig")}</NavLink>}
              <NavLink to="/contracts">{t("nav.contracts")}</NavLink>
              <NavLink to="/chat">
                {t("nav.chat")} <UnreadBadge />
              </NavLink>
              <NotificationBell />
            </>
          )}
        </nav>
        <div className="bar__end">
          <LanguageSwitcher />
          {user ? (
            <details className="menu">
              <summary>{user.full_name || user.email}</summary>
              <ul>
                <li>
                  <Link to="/welcome">{t("nav.roles")}</Link>
                </li>
                {user.freelancer_profile && (
                  <li>
                    <Link to="/me/profile">{t("nav.profile")}</Link>
                  </li>
                )}
                {user.freelancer_profile && (
                  <li>
                    <Link to="/proposals">{t("nav.proposals")}</Link>
                  </li>
                )}
                {user.firms.map((firm) => (
                  <li key={firm.slug}>
                    <Link to={`/firms/${firm.slug}`}>{firm.name}</Link>
                  </li>
                ))}
                <li>
                  <Link to="/settings">{t("nav.settings")}</Link>
                </li>
                <li>
                  <Link to="/reports">{t("nav.reports")}</Link>
                </li>
                <li>
                  <button type="button" onClick={() => logout.mutate()}>
                    {t("nav.logout")}
                  </button>
                </li>
              </ul>
            </details>
          ) : (
            !me.isLoading && (
              <>
                <Link to="/login">{t("nav.login")}</Link>
                <Link to="/signup" className="button">
                  {t("nav.signup")}
                </Link>
              </>
            )
          )}
        </div>
      </header>
      {navigation.state === "loading" && <div className="progress" aria-hidden="true" />}
      <main id="main" className="page">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
