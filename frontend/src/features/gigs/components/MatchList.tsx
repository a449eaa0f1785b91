import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ReasonList } from "@/components/ReasonList";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { errorMessage } from "@/lib/errors";
import { useGigInvitations, useGigMatches, useInvite } from "@/features/gigs/api/gigs";

/** The gig's ranked freelancers, each with why it matched, and a one-click invite. */
export function MatchList({ gigId, open }: { gigId: number; open: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const matches = useGigMatches(gigId, open);
  const invitations = useGigInvitations(gigId, open);
  const invite = useInvite(gigId);
  const invited = new Set(invitations.data?.results.map((i) => i.freelancer.slug) ?? []);
  if (!open) return <p className="muted">{t("matches.publishFirst")}</p>;
  return (
    <section aria-labelledby="matches-h">
      <h2 id="matches-h">{t("matches.title")}</h2>
      {matches.isLoading && <Loading />}
      {matches.error && <ErrorNotice error={matches.error} />}
      {matches.data?.results.length === 0 && <Empty>{t("matches.empty")}</Empty>}
      <ol className="cards" data-testid="matches">
        {matches.data?.results.map(({ freelancer, score, explanation }) => (
          <li key={freelancer.slug} className="card">
            <h3>
              <Link to={`/freelancers/${freelancer.slug}`}>{freelancer.headline}</Link>
            </h3>
            <p>
              {t("matches.score", { score: Math.round(score) })}
              {freelancer.hourly_rate_minor !== null &&
                ` · ${t("profile.perHour", { rate: fmt.money(freelancer.hourly_rate_minor, freelancer.currency) })}`}
            </p>
            <ReasonList explanation={explanation} />
            {invited.has(freelancer.slug) ? (
              <span className="badge">{t("matches.invited")}</span>
            ) : (
              <button
                type="button"
                className="button"
                disabled={invite.isPending}
                onClick={() => invite.mutate({ freelancer: freelancer.slug, message: "" })}
              >
                {t("matches.invite")}
              </button>
            )}
          </li>
        ))}
      </ol>
      {invite.error ? <p className="error" role="alert">{errorMessage(invite.error, t)}</p> : null}
    </section>
  );
}
