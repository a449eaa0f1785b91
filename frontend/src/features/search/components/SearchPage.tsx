import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";

import { ReasonList } from "@/components/ReasonList";
import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useFreelancerSearch, useGigSearch, type SearchFilters } from "@/features/search/api/search";
import { Facets, toggleFacet } from "@/features/search/components/Facets";
import { FreelancerRefine } from "@/features/search/components/FreelancerRefine";

// Every facet the API returns must be read back from the URL, or ticking it does nothing.
const KEYS = ["q", "skills", "languages", "country", "engagement_type", "currency", "available_by"] as const;
const NUMBER_KEYS = ["rate_max", "min_hours_per_week"] as const;

function useFilters(): [SearchFilters, (next: SearchFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters: SearchFilters = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  for (const key of NUMBER_KEYS) {
    const value = Number(params.get(key) ?? "");
    if (params.get(key) && Number.isInteger(value)) filters[key] = value;
  }
  const page = Number(params.get("page") ?? "1");
  if (page > 1) filters.page = page;
  const set = (next: SearchFilters) => {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) out.set(key, String(value));
    setParams(out);
  };
  return [filters, set];
}

function SearchBox({ initial, onSearch, label }: { initial: string; onSearch: (q: string) => void; label: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  return (
    <form
      role="search"
      className="searchbox"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(q.trim());
      }}
    >
      <label className="sr-only" htmlFor="search-q">
        {label}
      </label>
      <input id="search-q" type="search" value={q} placeholder={label} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button">
        {t("search.submit")}
      </button>
    </form>
  );
}

function Pager({ page, hasNext, onPage }: { page: number; hasNext: boolean; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t("search.pages")}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("search.previous")}
      </button>
      <span>{t("search.page", { page })}</span>
      <button type="button" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t("search.next")}
      </button>
    </nav>
  );
}

export function GigSearch() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [filters, setFilters] = useFilters();
  const search = useGigSearch(filters);
  const toggle = (facet: string, value: string) =>
    setFilters({ ...filters, page: 1, [facet]: toggleFacet(filters[facet as keyof SearchFilters] as string | undefined, value, facet) });
  return (
    <section>
      <h1>{t("search.gigsTitle")}</h1>
      <SearchBox initial={filters.q ?? ""} label={t("search.gigsPlaceholder")} onSearch={(q) => setFilters({ ...filters, q, page: 1 })} />
      <div className="with-sidebar">
        {search.data && <Facets facets={search.data.facets} selected={filters as Record<string, string | undefined>} onToggle={toggle} />}
        <div>
          {search.isLoading && <Loading />}
          {search.error && <ErrorNotice error={search.error} />}
          {search.data && (
            <>
              <p className="muted" role="status">{t("search.count", { count: search.data.count })}</p>
              {search.data.results.length === 0 && <Empty>{t("search.noGigs")}</Empty>}
              <ul className="cards">
                {search.data.results.map(({ gig, explanation }) => (
                  <li key={gig.id} className="card">
                    <h2>
                      <Link to={`/gigs/${gig.id}`}>{gig.title}</Link>
                    </h2>
                    <p>
                      {t(`gig.engagement.${gig.engagement_type}`)} · {fmt.money(gig.budget_min_minor, gig.currency)}–
                      {fmt.money(gig.budget_max_minor, gig.currency)}
                    </p>
                    <p className="skills">{gig.skills.map((s) => s.label).join(", ")}</p>
                    {filters.q || filters.skills ? <ReasonList explanation={explanation} /> : null}
                  </li>
                ))}
              </ul>
              <Pager page={search.data.page} hasNext={search.data.has_next} onPage={(page) => setFilters({ ...filters, page })} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}

export function FreelancerSearch() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [filters, setFilters] = useFilters();
  const search = useFreelancerSearch(filters);
  const toggle = (facet: string, value: string) =>
    setFilters({ ...filters, page: 1, [facet]: toggleFacet(filters[facet as keyof SearchFilters] as string | undefined, value, facet) });
  return (
    <section>
      <h1>{t("search.freelancersTitle")}</h1>
      <SearchBox initial={filters.q ?? ""} label={t("search.freelancersPlaceholder")} onSearch={(q) => setFilters({ ...filters, q, page: 1 })} />
      <div className="with-sidebar">
        <div>
          {/* Keyed by the URL's values: a deep link or back/forward refills the typed fields. */}
          <FreelancerRefine
            key={[filters.rate_max, filters.currency, filters.min_hours_per_week, filters.available_by].join("|")}
            filters={filters}
            onApply={(refinement) => setFilters({ ...filters, ...refinement, page: 1 })}
          />
          {search.data && <Facets facets={search.data.facets} selected={filters as Record<string, string | undefined>} onToggle={toggle} />}
        </div>
        <div>
          {search.isLoading && <Loading />}
          {search.error && <ErrorNotice error={search.error} />}
          {search.data && (
            <>
              <p className="muted" role="status">{t("search.count", { count: search.data.count })}</p>
              {search.data.results.length === 0 && <Empty>{t("search.noFreelancers")}</Empty>}
              <ul className="cards">
                {search.data.results.map(({ freelancer, explanation }) => (
                  <li key={freelancer.slug} className="card">
                    <h2>
                      <Link to={`/freelancers/${freelancer.slug}`}>{freelancer.headline}</Link>
                    </h2>
                    <p>
                      {freelancer.country}
                      {freelancer.hourly_rate_minor !== null &&
                        ` · ${t("profile.perHour", { rate: fmt.money(freelancer.hourly_rate_minor, freelancer.currency) })}`}
                    </p>
                    <p className="skills">{freelancer.skills.map((s) => s.label).join(", ")}</p>
                    {filters.q || filters.skills ? <ReasonList explanation={explanation} /> : null}
                  </li>
                ))}
              </ul>
              <Pager page={search.data.page} hasNext={search.data.has_next} onPage={(page) => setFilters({ ...filters, page })} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
