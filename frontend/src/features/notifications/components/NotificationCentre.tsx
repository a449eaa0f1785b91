import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useMarkRead, useNotifications } from "@/features/notifications/api/notifications";

type Payload = Record<string, unknown>;

function num(payload: Payload, key: string): number | null {
  const value = payload[key];
  return typeof value === "number" ? value : null;
}

/** Where a notification leads: the contract, the conversation or the gig it is about. */
function target(payload: Payload): string | null {
  const contract = num(payload, "contract_id");
  if (contract) return `/contracts/${contract}`;
  const conversation = num(payload, "conversation_id");
  if (conversation) return `/chat/${conversation}`;
  const gig = num(payload, "gig_id");
  return gig ? `/gigs/${gig}` : null;
}

export function NotificationCentre() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useNotifications();
  const mark = useMarkRead();
  return (
    <section>
      <h1>{t("nav.notifications")}</h1>
      <button type="button" className="button button--secondary" onClick={() => mark.mutate("all")} disabled={mark.isPending}>
        {t("notifications.markAll")}
      </button>
      {list.isLoading && <Loading />}
      {list.error && <ErrorNotice error={list.error} />}
      {list.data?.results.length === 0 && <Empty>{t("notifications.empty")}</Empty>}
      <ul className="cards">
        {list.data?.results.map((n) => {
          const payload = (typeof n.payload === "object" && n.payload !== null ? n.payload : {}) as Payload;
          const to = target(payload);
          const event = typeof payload["event"] === "string" ? payload["event"] : "";
          const title = typeof payload["title"] === "string" ? payload["title"] : "";
          return (
            <li key={n.id} className={n.read_at ? "card" : "card card--unread"}>
              <p>
                <strong>{t(`notifications.kind.${n.kind}`)}</strong> {title}
                {event && <span className="muted"> · {t(`notifications.event.${event}`, { defaultValue: event.replace(/_/g, " ") })}</span>}
              </p>
              <p className="muted">{n.created_at && fmt.dateTime(n.created_at)}</p>
              {to && (
                <Link to={to} onClick={() => !n.read_at && mark.mutate(n.id)}>
                  {t("notifications.open")}
                </Link>
              )}{" "}
              {!n.read_at && (
                <button type="button" className="linkish" onClick={() => mark.mutate(n.id)}>
                  {t("notifications.markRead")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
