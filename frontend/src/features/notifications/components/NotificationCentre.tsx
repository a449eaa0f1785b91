import type { TFunction } from "i18next";
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

function str(payload: Payload, key: string): string {
  const value = payload[key];
  return typeof value === "string" ? value : "";
}

/** One sentence per notification, in the interface language, from the payload's ids and states. */
function describe(kind: string, payload: Payload, t: TFunction): string {
  const title = str(payload, "gig_title") || str(payload, "title");
  const status = str(payload, "status");
  switch (kind) {
    case "invitation":
      return t("notifications.text.invitation", { title });
    case "proposal":
      return t("notifications.text.proposal", { title, status: t(`proposal.status.${status}`, { defaultValue: status }) });
    case "contract":
      return t("notifications.text.contract", { title, status: t(`contract.status.${status}`, { defaultValue: status }) });
    case "milestone":
    case "payment": {
      const state = str(payload, "state") || status;
      return t("notifications.text.milestone", {
        milestone: str(payload, "milestone_title"),
        title,
        state: t(`payments.state.${state}`, { defaultValue: state }),
      });
    }
    default:
      return title ? t("notifications.text.message", { title }) : t(`notifications.kind.${kind}`);
  }
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
          return (
            <li key={n.id} className={n.read_at ? "card" : "card card--unread"}>
              <p>
                <strong>{t(`notifications.kind.${n.kind}`)}</strong> · {describe(n.kind, payload, t)}
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
