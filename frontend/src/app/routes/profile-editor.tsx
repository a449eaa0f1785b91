import { RequireSignIn } from "@/components/RequireSignIn";
import { MediaEditor } from "@/features/freelancers/components/MediaEditor";
import { ProfileEditor } from "@/features/freelancers/components/ProfileEditor";

export default function ProfileEditorRoute() {
  return (
    <RequireSignIn>
      {(me) => (
        <>
          <ProfileEditor zone={me.time_zone || "UTC"} exists={me.freelancer_profile !== null} />
          <MediaEditor avatar={me.avatar} hasProfile={me.freelancer_profile !== null} />
        </>
      )}
    </RequireSignIn>
  );
}
