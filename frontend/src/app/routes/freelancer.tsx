import { useParams } from "react-router-dom";

import { usePublicProfile } from "@/features/freelancers/api/profile";
import { PublicProfile } from "@/features/freelancers/components/PublicProfile";
import { PublishedReviews } from "@/features/reviews/components/PublishedReviews";
import { useMe } from "@/lib/session";

export default function FreelancerRoute() {
  const { slug = "" } = useParams();
  const profile = usePublicProfile(slug);
  const me = useMe();
  return (
    <>
      <PublicProfile slug={slug} viewerSlug={me.data?.freelancer_profile ?? null} />
      {profile.data && <PublishedReviews about="freelancer" slug={slug} rating={profile.data.rating} />}
    </>
  );
}
