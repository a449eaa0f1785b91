import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";

import { ReportButton } from "@/components/ReportButton";
import { usePublicProfile } from "@/features/freelancers/api/profile";
import { PublicProfile } from "@/features/freelancers/components/PublicProfile";
import { PublishedReviews } from "@/features/reviews/components/PublishedReviews";
import { useMe } from "@/lib/session";

export default function FreelancerRoute() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const profile = usePublicProfile(slug);
  const me = useMe();
  const signedIn = Boolean(me.data);
  const own = me.data?.freelancer_profile === slug;
  return (
    <>
      <PublicProfile slug={slug} viewerSlug={me.data?.freelancer_profile ?? null} />
      {profile.data && signedIn && !own && <ReportButton kind="profile" objectId={profile.data.id} label={t("report.profile")} />}
      {profile.data && (
        <PublishedReviews
          about="freelancer"
          slug={slug}
          rating={profile.data.rating}
          renderActions={signedIn ? (review) => <ReportButton kind="review" objectId={review.id} label={t("report.review")} /> : undefined}
        />
      )}
    </>
  );
}
