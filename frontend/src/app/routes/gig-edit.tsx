import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";

import { RequireSignIn } from "@/components/RequireSignIn";
import { ErrorNotice, Loading } from "@/components/States";
import { useGig, useUpdateGig } from "@/features/gigs/api/gigs";
import { GigForm } from "@/features/gigs/components/GigForm";

function EditGig({ gigId }: { gigId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const gig = useGig(gigId);
  const update = useUpdateGig(gigId);
  if (gig.isLoading) return <Loading />;
  if (gig.error || !gig.data) return <ErrorNotice error={gig.error} />;
  return (
    <section>
      <h1>{t("gig.editTitle")}</h1>
      <GigForm
        firm={gig.data.firm.slug}
        gig={gig.data}
        pending={update.isPending}
        error={update.error}
        onSubmit={({ firm: _firm, ...body }) => update.mutate(body, { onSuccess: () => navigate(`/gigs/${gigId}`) })}
      />
    </section>
  );
}

export default function GigEditRoute() {
  const { gigId } = useParams();
  return <RequireSignIn>{() => <EditGig gigId={Number(gigId)} />}</RequireSignIn>;
}
