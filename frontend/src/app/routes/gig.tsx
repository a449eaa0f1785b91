import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";

import { ReportButton } from "@/components/ReportButton";
import { ErrorNotice, Loading } from "@/components/States";
import { AskAboutGig } from "@/features/chat/components/AskAboutGig";
import { useGig } from "@/features/gigs/api/gigs";
import { GigActions, GigDetail } from "@/features/gigs/components/GigDetail";
import { MatchList } from "@/features/gigs/components/MatchList";
import { ProposalCompare } from "@/features/proposals/components/ProposalCompare";
import { ProposalPanel } from "@/features/proposals/components/ProposalPanel";
import { FirmReputation } from "@/features/reviews/components/FirmReputation";
import { useMe } from "@/lib/session";

/** The gig page composes three features: the gig, the firm's matching, and proposals. */
export default function GigRoute() {
  const { t } = useTranslation();
  const gigId = Number(useParams().gigId);
  const gig = useGig(gigId);
  const me = useMe();
  if (gig.isLoading) return <Loading />;
  if (gig.error || !gig.data) return <ErrorNotice error={gig.error} />;
  const member = me.data?.firms.some((firm) => firm.slug === gig.data.firm.slug) ?? false;
  const open = gig.data.status === "open";
  return (
    <div className="stack">
      <GigDetail gig={gig.data} />
      {!member && <FirmReputation reputation={gig.data.firm_reputation} firmName={gig.data.firm.name} />}
      {member && (
        <>
          <GigActions gig={gig.data} />
          <MatchList gigId={gigId} open={open} />
          <ProposalCompare gigId={gigId} />
        </>
      )}
      {!member && me.data?.freelancer_profile && <ProposalPanel gigId={gigId} currency={gig.data.currency} open={open} />}
      {!member && me.data && !me.data.freelancer_profile && open && (
        <p className="notice">
          {t("gig.needProfile")} <Link to="/me/profile">{t("welcome.createProfile")}</Link>
        </p>
      )}
      {!member && !me.data && open && (
        <p className="notice">
          <Link to="/login">{t("gig.loginToPropose")}</Link>
        </p>
      )}
      {!member && me.data && open && <AskAboutGig gigId={gigId} />}
      {!member && me.data && <ReportButton kind="gig" objectId={gigId} label={t("report.gig")} />}
    </div>
  );
}
