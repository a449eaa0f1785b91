import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";

import { ReportButton } from "@/components/ReportButton";
import { useFirm } from "@/features/firms/api/firms";
import { FirmPage } from "@/features/firms/components/FirmPage";
import { FirmReputation } from "@/features/reviews/components/FirmReputation";
import { PublishedReviews } from "@/features/reviews/components/PublishedReviews";
import { useMe } from "@/lib/session";

export default function FirmRoute() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const me = useMe();
  const firm = useFirm(slug);
  const membership = me.data?.firms.find((f) => f.slug === slug);
  const member = membership !== undefined;
  const signedIn = Boolean(me.data);
  return (
    <>
      <FirmPage slug={slug} member={member} owner={membership?.role === "owner"} />
      {firm.data && signedIn && !member && <ReportButton kind="firm" objectId={firm.data.id} label={t("report.firm")} />}
      {firm.data && <FirmReputation reputation={firm.data.reputation} />}
      {firm.data && (
        <PublishedReviews
          about="firm"
          slug={slug}
          renderActions={signedIn ? (review) => <ReportButton kind="review" objectId={review.id} label={t("report.review")} /> : undefined}
        />
      )}
    </>
  );
}
