import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useMyReports, type FiledReport } from "@/features/reports/api/reports";

function What({ report }: { report: FiledReport }) {
  const { t } = useTranslation();
  const label = t(`reports.kinds.${report.kind}`, { defaultValue: report.kind });
  // Gigs have pages by id; profiles and firms by slug, messages and reviews none of their own.
  return report.kind === "gig" ? <Link to={`/gigs/${report.object_id}`}>{label}</Link> : <>{label}</>;
}

/** "My reports": what I reported, why, and where moderation stands. */
export function MyReports() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reports = useMyReports();
  const rows = reports.data?.pages.flatMap((page) => page.results) ?? [];
  return (
    <section aria-labelledby="reports-title" className="stack">
      <h1 id="reports-title">{t("reports.title")}</h1>
      <p className="muted">{t("reports.intro")}</p>
      {reports.isLoading && <Loading />}
      {reports.error && <ErrorNotice error={reports.error} />}
      {reports.isSuccess && rows.length === 0 && <Empty>{t("reports.empty")}</Empty>}
      {rows.length > 0 && (
        <ul className="cards" data-testid="my-reports">
          {rows.map((report) => (
            <li key={report.id} className="card report-row">
              <h2 className="report-row__what">
                <What report={report} />
              </h2>
              <p>
                <span className={`badge badge--report-${report.status}`}>{t(`reports.status.${report.status}`)}</span>{" "}
                <span className="muted">{t(`reports.statusHint.${report.status}`)}</span>
              </p>
              <p>{t(`report.reasons.${report.reason}`)}</p>
              {report.text && <p className="prose muted">{report.text}</p>}
              <p className="muted">
                {t("reports.filed", { when: fmt.dateTime(report.created_at) })}
                {report.resolved_at && <> · {t("reports.resolved", { when: fmt.dateTime(report.resolved_at) })}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      {reports.hasNextPage && (
        <button type="button" className="button button--secondary" disabled={reports.isFetchingNextPage} onClick={() => void reports.fetchNextPage()}>
          {reports.isFetchingNextPage ? t("common.loading") : t("reports.more")}
        </button>
      )}
    </section>
  );
}
