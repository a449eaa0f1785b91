import { RequireSignIn } from "@/components/RequireSignIn";
import { SettingsPage } from "@/features/settings/components/SettingsPage";

export default function SettingsRoute() {
  return <RequireSignIn>{(me) => <SettingsPage me={me} />}</RequireSignIn>;
}
