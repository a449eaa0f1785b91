import { useTranslation } from "react-i18next";

import type { Schemas } from "@/lib/api-client";
import { RatingLine } from "@/features/reviews/components/PublishedReviews";

export type Reputation = Schemas["FirmReputationOutput"];
type Share = Schemas["OnTimeShareOutput"];

function ShareValue({ share }: { share: Share }) {
  const { t } = useTranslation();
  if (share.percent === null) return <>{t("reputation.tooFew", { count: share.measured })}</>;
  return <>{t("reputation.share", { percent: share.percent, onTime: share.on_time, measured: share.measured })}</>;
}

/** A firm's track record as freelancers see it on the firm page and before proposing on a gig. */
export function FirmReputation({ reputation, firmName }: { reputation: Reputation; firmName?: string }) {
  const { t } = useTranslation();
  const r = reputation;
  return (
    <section className="card reputation" aria-labelledby="firm-reputation" data-testid="firm-reputation">
      <h2 id="firm-reputation">{firmName ? t("reputation.titleOf", { name: firmName }) : t("reputation.title")}</h2>
      {r.is_new && (
        <p className="notice" data-testid="new-firm">
          {r.note || t("reputation.newNote")}
        </p>
      )}
      <RatingLine rating={r.rating} />
      <dl className="facts">
        <dt>{t("reputation.fundedOnTime")}</dt>
        <dd>
          <ShareValue share={r.milestones_funded_on_time} />
        </dd>
        <dt>{t("reputation.releasedOnTime")}</dt>
        <dd>
          <ShareValue share={r.milestones_released_on_time} />
        </dd>
        <dt>{t("reputation.contracts")}</dt>
        <dd>{t("reputation.contractsValue", { ended: r.contracts_ended, completed: r.contracts_completed })}</dd>
        <dt>{t("reputation.cancelled")}</dt>
        <dd>{t("reputation.cancelledValue", { count: r.contracts_cancelled, byFirm: r.contracts_cancelled_by_firm })}</dd>
        <dt>{t("reputation.disputed")}</dt>
        <dd>{r.contracts_disputed}</dd>
      </dl>
    </section>
  );
}
