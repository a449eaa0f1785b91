import { useParams } from "react-router-dom";

import { PublicProfile } from "@/features/freelancers/components/PublicProfile";

export default function FreelancerRoute() {
  const { slug = "" } = useParams();
  return <PublicProfile slug={slug} />;
}
