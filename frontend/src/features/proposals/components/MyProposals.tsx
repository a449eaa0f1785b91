import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useMyProposals } from "@/features/proposals/api/proposals";

export function MyProposals() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mine = useMyProposals();
  return (
    <section>
      <h1>{t("nav.proposals")}</h1>
      {mine.isLoading && <Loading />}
      {mine.error && <ErrorNotice error={mine.error} />}
      {mine.data?.results.length === 0 && <Empty>{t("proposal.noneMine")}</Empty>}
      <ul className="cards">
        {mine.data?.results.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to={`/gigs/${p.gig.id}`}>{p.gig.title}</Link>
            </h2>
            <p>
              <span className={`badge badge--${p.status}`}>{t(`proposal.status.${p.status}`)}</span>{" "}
              {fmt.money(p.price_minor, p.currency)} · {fmt.dateTime(p.created_at)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
