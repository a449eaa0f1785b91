import { useParams } from "react-router-dom";

import { usePublicProfile } from "@/features/freelancers/api/profile";
import { PublicProfile } from "@/features/freelancers/components/PublicProfile";
import { PublishedReviews } from "@/features/reviews/components/PublishedReviews";

export default function FreelancerRoute() {
  const { slug = "" } = useParams();
  const profile = usePublicProfile(slug);
  return (
    <>
      <PublicProfile slug={slug} />
      {profile.data && <PublishedReviews about="freelancer" slug={slug} rating={profile.data.rating} />}
    </>
  );
}
