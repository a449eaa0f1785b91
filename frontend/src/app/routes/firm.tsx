import { useParams } from "react-router-dom";

import { useFirm } from "@/features/firms/api/firms";
import { FirmPage } from "@/features/firms/components/FirmPage";
import { FirmReputation } from "@/features/reviews/components/FirmReputation";
import { PublishedReviews } from "@/features/reviews/components/PublishedReviews";
import { useMe } from "@/lib/session";

export default function FirmRoute() {
  const { slug = "" } = useParams();
  const me = useMe();
  const firm = useFirm(slug);
  const member = me.data?.firms.some((f) => f.slug === slug) ?? false;
  return (
    <>
      <FirmPage slug={slug} member={member} />
      {firm.data && <FirmReputation reputation={firm.data.reputation} />}
      {firm.data && <PublishedReviews about="firm" slug={slug} />}
    </>
  );
}
