import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useGigSearch } from "@/features/search/api/search";

export function LatestGigs() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const gigs = useGigSearch({});
  return (
    <section aria-labelledby="latest-gigs">
      <h2 id="latest-gigs">{t("landing.latestGigs")}</h2>
      {gigs.isLoading && <Loading />}
      {gigs.error && <ErrorNotice error={gigs.error} />}
      {gigs.data?.results.length === 0 && <Empty>{t("search.noGigs")}</Empty>}
      <ul className="cards">
        {gigs.data?.results.slice(0, 6).map(({ gig }) => (
          <li key={gig.id} className="card">
            <h3>
              <Link to={`/gigs/${gig.id}`}>{gig.title}</Link>
            </h3>
            <p>
              {fmt.money(gig.budget_min_minor, gig.currency)}–{fmt.money(gig.budget_max_minor, gig.currency)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
