import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ReasonList } from "@/components/ReasonList";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useDeclineInvitation, useGigFeed, useMyInvitations } from "@/features/freelancers/api/profile";

function Invitations() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const invitations = useMyInvitations();
  const decline = useDeclineInvitation();
  if (!invitations.data || invitations.data.results.length === 0) return null;
  return (
    <section aria-labelledby="invitations-h">
      <h2 id="invitations-h">{t("feed.invitations")}</h2>
      {decline.error ? <ErrorNotice error={decline.error} /> : null}
      <ul className="cards" data-testid="invitations">
        {invitations.data.results.map((invitation) => (
          <li key={invitation.id} className="card">
            <h3>
              <Link to={`/gigs/${invitation.gig.id}`}>{invitation.gig.title}</Link>
            </h3>
            <p className="muted">
              {invitation.gig.firm.name} · {fmt.dateTime(invitation.created_at)}
            </p>
            {invitation.message && <p className="prose">{invitation.message}</p>}
            <Link className="button" to={`/gigs/${invitation.gig.id}`}>
              {t("feed.propose")}
            </Link>
            <button type="button" className="button button--secondary" disabled={decline.isPending} onClick={() => decline.mutate(invitation.id)}>
              {t("feed.decline")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function GigFeed() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const feed = useGigFeed();
  return (
    <section>
      <h1>{t("feed.title")}</h1>
      <Invitations />
      <h2>{t("feed.ranked")}</h2>
      <p className="lead">{t("feed.lead")}</p>
      {feed.isLoading && <Loading />}
      {feed.error && <ErrorNotice error={feed.error} />}
      {feed.data?.results.length === 0 && <Empty>{t("feed.empty")}</Empty>}
      <ul className="cards">
        {feed.data?.results.map(({ gig, explanation, score }) => (
          <li key={gig.id} className="card">
            <h2>
              <Link to={`/gigs/${gig.id}`}>{gig.title}</Link>
            </h2>
            <p>
              {fmt.money(gig.budget_min_minor, gig.currency)}–{fmt.money(gig.budget_max_minor, gig.currency)} ·{" "}
              {t("matches.score", { score: Math.round(score) })}
            </p>
            <ReasonList explanation={explanation} />
          </li>
        ))}
      </ul>
    </section>
  );
}
