import { useParams } from "react-router-dom";

import { PasswordResetForm } from "@/features/auth/components/AuthForms";

export default function PasswordResetRoute() {
  const { key } = useParams();
  return <PasswordResetForm resetKey={key} />;
}
