import { RequireSignIn } from "@/components/RequireSignIn";
import { ProfileEditor } from "@/features/freelancers/components/ProfileEditor";

export default function ProfileEditorRoute() {
  return <RequireSignIn>{(me) => <ProfileEditor zone={me.time_zone || "UTC"} exists={me.freelancer_profile !== null} />}</RequireSignIn>;
}
