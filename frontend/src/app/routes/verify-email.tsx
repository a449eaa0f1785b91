import { useParams } from "react-router-dom";

import { VerifyEmailForm } from "@/features/auth/components/AuthForms";

export default function VerifyEmailRoute() {
  const { key } = useParams();
  return <VerifyEmailForm initialKey={key} />;
}
