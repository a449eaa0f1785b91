import { LoginForm } from "@/features/auth/components/AuthForms";

export default function LoginRoute() {
  return <LoginForm />;
}
