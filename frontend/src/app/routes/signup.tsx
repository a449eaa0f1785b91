import { SignupForm } from "@/features/auth/components/AuthForms";

export default function SignupRoute() {
  return <SignupForm />;
}
