import { useTranslation } from "react-i18next";

import { ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { usePublicProfile } from "@/features/freelancers/api/profile";
import { PortfolioGallery } from "@/features/freelancers/components/PortfolioGallery";
import { thumbnail } from "@/features/freelancers/components/MediaEditor";
import { SkillEndorsements } from "@/features/freelancers/components/SkillEndorsements";

export function PublicProfile({ slug, viewerSlug = null }: { slug: string; viewerSlug?: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const profile = usePublicProfile(slug);
  if (profile.isLoading) return <Loading />;
  if (profile.error || !profile.data) return <ErrorNotice error={profile.error} />;
  const p = profile.data;
  return (
    <article className="card profile">
      {p.avatar && <img className="avatar" src={thumbnail(p.avatar, "medium")} alt="" width={96} height={96} />}
      <h1>{p.full_name || p.slug}</h1>
      <p className="lead">{p.headline}</p>
      <dl className="facts">
        <dt>{t("profile.country")}</dt>
        <dd>{p.country}</dd>
        <dt>{t("common.timeZone")}</dt>
        <dd>
          {p.time_zone} ({p.working_hours_start.slice(0, 5)}–{p.working_hours_end.slice(0, 5)})
        </dd>
        {p.hourly_rate_minor !== null && (
          <>
            <dt>{t("profile.hourlyRate")}</dt>
            <dd>{fmt.money(p.hourly_rate_minor, p.rate_currency)}</dd>
          </>
        )}
        <dt>{t("profile.hoursPerWeek")}</dt>
        <dd>{p.hours_per_week}</dd>
        <dt>{t("profile.availableFrom")}</dt>
        <dd>{p.available_from ? fmt.date(p.available_from) : t("profile.availableNow")}</dd>
        <dt>{t("profile.languages")}</dt>
        <dd>{p.languages.map((l) => `${t(`languages.${l.code}`, { defaultValue: l.code })} (${t(`profile.proficiency.${l.proficiency}`)})`).join(", ")}</dd>
      </dl>
      <SkillEndorsements profile={p} viewerSlug={viewerSlug} />
      {p.bio && (
        <>
          <h2>{t("profile.about")}</h2>
          <p className="prose">{p.bio}</p>
        </>
      )}
      {p.links.length > 0 && (
        <ul>
          {p.links.map((link) => (
            <li key={link.url}>
              <a href={link.url} rel="noopener noreferrer nofollow">
                {link.label || link.url}
              </a>
            </li>
          ))}
        </ul>
      )}
      <PortfolioGallery items={p.portfolio} />
    </article>
  );
}
