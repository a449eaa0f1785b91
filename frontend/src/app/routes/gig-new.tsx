import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";

import { RequireSignIn } from "@/components/RequireSignIn";
import { useCreateGig } from "@/features/gigs/api/gigs";
import { GigForm } from "@/features/gigs/components/GigForm";

function NewGig({ firms }: { firms: { slug: string; name: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateGig();
  const firm = params.get("firm") ?? firms[0]?.slug;
  if (!firm) {
    return (
      <p>
        {t("gig.needFirm")} <Link to="/firms/new">{t("welcome.createFirm")}</Link>
      </p>
    );
  }
  return (
    <section>
      <h1>{t("gig.newTitle")}</h1>
      <GigForm
        firm={firm}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body, { onSuccess: (gig) => navigate(`/gigs/${gig.id}`) })}
      />
    </section>
  );
}

export default function GigNewRoute() {
  return <RequireSignIn>{(me) => <NewGig firms={me.firms} />}</RequireSignIn>;
}
