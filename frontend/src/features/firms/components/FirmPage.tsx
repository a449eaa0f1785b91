import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";

import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useCreateFirm, useFirm, useFirmGigs, useUpdateFirm } from "@/features/firms/api/firms";
import { FirmForm } from "@/features/firms/components/FirmForm";
import { FirmLogoEditor, logoSrc } from "@/features/firms/components/FirmLogoEditor";
import { FirmMembers } from "@/features/firms/components/FirmMembers";

export function NewFirm({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateFirm();
  return (
    <section>
      <h1>{t("firm.createTitle")}</h1>
      <FirmForm
        initial={{ name: "", description: "", country: "", time_zone: zone, size: "solo", website: "" }}
        submitLabel={t("firm.create")}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body, { onSuccess: (firm) => navigate(`/firms/${firm.slug}`) })}
      />
    </section>
  );
}

function FirmGigs({ slug, member }: { slug: string; member: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const gigs = useFirmGigs(slug, member);
  return (
    <section aria-labelledby="firm-gigs">
      <h2 id="firm-gigs">{t("firm.gigs")}</h2>
      {member && (
        <Link className="button" to={`/gigs/new?firm=${slug}`}>
          {t("nav.postGig")}
        </Link>
      )}
      {gigs.isLoading && <Loading />}
      {gigs.error && <ErrorNotice error={gigs.error} />}
      {gigs.data?.results.length === 0 && <Empty>{t("firm.noGigs")}</Empty>}
      <ul className="cards">
        {gigs.data?.results.map((gig) => (
          <li key={gig.id} className="card">
            <h3>
              <Link to={`/gigs/${gig.id}`}>{gig.title}</Link>
            </h3>
            <p>
              <span className={`badge badge--${gig.status}`}>{t(`gig.status.${gig.status}`)}</span>{" "}
              {fmt.money(gig.budget_min_minor, gig.currency)}–{fmt.money(gig.budget_max_minor, gig.currency)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FirmPage({ slug, member, owner = false }: { slug: string; member: boolean; owner?: boolean }) {
  const { t } = useTranslation();
  const firm = useFirm(slug);
  const update = useUpdateFirm(slug);
  const [editing, setEditing] = useState(false);
  if (firm.isLoading) return <Loading />;
  if (firm.error || !firm.data) return <ErrorNotice error={firm.error} />;
  const f = firm.data;
  return (
    <>
      {editing ? (
        <>
          {owner && <FirmLogoEditor slug={slug} name={f.name} logo={f.logo} />}
          <FirmForm
            initial={{ name: f.name, description: f.description, country: f.country, time_zone: f.time_zone, size: f.size, website: f.website }}
            submitLabel={t("common.save")}
            pending={update.isPending}
            error={update.error}
            onSubmit={(body) => update.mutate(body, { onSuccess: () => setEditing(false) })}
          />
          <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
            {t("common.cancel")}
          </button>
        </>
      ) : (
        <article className="card">
          <header className="firm-head">
            {f.logo && <img className="firm-logo" src={logoSrc(f.logo, "medium")} alt={t("firm.logoAlt", { name: f.name })} width={64} height={64} />}
            <h1>{f.name}</h1>
          </header>
          <p>
            {f.country} · {f.time_zone} · {t(`firm.sizes.${f.size}`)}
          </p>
          {f.website && (
            <p>
              <a href={f.website} rel="noopener noreferrer nofollow">
                {f.website}
              </a>
            </p>
          )}
          <p className="prose">{f.description}</p>
          {member && (
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              {t("common.edit")}
            </button>
          )}
        </article>
      )}
      {owner && !editing && <FirmMembers slug={slug} />}
      <FirmGigs slug={slug} member={member} />
    </>
  );
}
