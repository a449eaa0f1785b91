import { useParams } from "react-router-dom";

import { FirmPage } from "@/features/firms/components/FirmPage";
import { useMe } from "@/lib/session";

export default function FirmRoute() {
  const { slug = "" } = useParams();
  const me = useMe();
  const member = me.data?.firms.some((firm) => firm.slug === slug) ?? false;
  return <FirmPage slug={slug} member={member} />;
}
