import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ReasonList } from "@/components/ReasonList";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useGigFeed } from "@/features/freelancers/api/profile";

export function GigFeed() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const feed = useGigFeed();
  return (
    <section>
      <h1>{t("feed.title")}</h1>
      <p className="lead">{t("feed.lead")}</p>
      {feed.isLoading && <Loading />}
      {feed.error && <ErrorNotice error={feed.error} />}
      {feed.data?.results.length === 0 && <Empty>{t("feed.empty")}</Empty>}
      <ul className="cards">
        {feed.data?.results.map(({ gig, explanation, score }) => (
          <li key={gig.id} className="card">
            <h2>
              <Link to={`/gigs/${gig.id}`}>{gig.title}</Link>
            </h2>
            <p>
              {fmt.money(gig.budget_min_minor, gig.currency)}–{fmt.money(gig.budget_max_minor, gig.currency)} ·{" "}
              {t("matches.score", { score: Math.round(score) })}
            </p>
            <ReasonList explanation={explanation} />
          </li>
        ))}
      </ul>
    </section>
  );
}
