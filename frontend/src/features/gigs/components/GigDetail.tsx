import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ErrorNotice } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useGigTransition, type Gig } from "@/features/gigs/api/gigs";

export function GigDetail({ gig }: { gig: Gig }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <article className="card gig">
      <p className="muted">
        <Link to={`/firms/${gig.firm.slug}`}>{gig.firm.name}</Link> · {gig.firm.country}
      </p>
      <h1>{gig.title}</h1>
      <p>
        <span className={`badge badge--${gig.status}`} data-testid="gig-status">
          {t(`gig.status.${gig.status}`)}
        </span>{" "}
        {t(`gig.engagement.${gig.engagement_type}`)} · {fmt.money(gig.budget_min_minor, gig.currency)}–
        {fmt.money(gig.budget_max_minor, gig.currency)}
      </p>
      <dl className="facts">
        <dt>{t("gig.requiredSkills")}</dt>
        <dd>{gig.required_skills.map((s) => s.label).join(", ") || "—"}</dd>
        {gig.nice_skills.length > 0 && (
          <>
            <dt>{t("gig.niceSkills")}</dt>
            <dd>{gig.nice_skills.map((s) => s.label).join(", ")}</dd>
          </>
        )}
        {gig.languages.length > 0 && (
          <>
            <dt>{t("gig.languages")}</dt>
            <dd>{gig.languages.map((code) => t(`languages.${code}`, { defaultValue: code })).join(", ")}</dd>
          </>
        )}
        {gig.hours_per_week !== null && (
          <>
            <dt>{t("gig.hoursPerWeek")}</dt>
            <dd>{gig.hours_per_week}</dd>
          </>
        )}
        {gig.start_date && (
          <>
            <dt>{t("gig.startDate")}</dt>
            <dd>{fmt.date(gig.start_date)}</dd>
          </>
        )}
        <dt>{t("gig.locationType")}</dt>
        <dd>
          {t(`gig.location.${gig.location_type}`)}
          {gig.location_city && ` · ${gig.location_city}`}
        </dd>
        {gig.published_at && (
          <>
            <dt>{t("gig.published")}</dt>
            <dd>{fmt.dateTime(gig.published_at)}</dd>
          </>
        )}
      </dl>
      <p className="prose">{gig.description}</p>
    </article>
  );
}

export function GigActions({ gig }: { gig: Gig }) {
  const { t } = useTranslation();
  const transition = useGigTransition(gig.id);
  return (
    <div className="actions card">
      {gig.moderation_reason && <p className="notice notice--error">{gig.moderation_reason}</p>}
      {transition.error ? <ErrorNotice error={transition.error} /> : null}
      <Link className="button button--secondary" to={`/gigs/${gig.id}/edit`}>
        {t("common.edit")}
      </Link>
      {gig.status === "draft" && (
        <button type="button" className="button" onClick={() => transition.mutate("publish")} disabled={transition.isPending}>
          {t("gig.publish")}
        </button>
      )}
      {gig.status === "open" && (
        <button type="button" className="button button--secondary" onClick={() => transition.mutate("close")} disabled={transition.isPending}>
          {t("gig.close")}
        </button>
      )}
      {gig.status === "closed" && (
        <button type="button" className="button button--secondary" onClick={() => transition.mutate("reopen")} disabled={transition.isPending}>
          {t("gig.reopen")}
        </button>
      )}
    </div>
  );
}
