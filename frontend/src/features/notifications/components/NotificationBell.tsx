import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";

import { useNotifications } from "@/features/notifications/api/notifications";

export function NotificationBell() {
  const { t } = useTranslation();
  const list = useNotifications(true);
  const unread = list.data?.results.filter((n) => !n.read_at).length ?? 0;
  return (
    <NavLink to="/notifications">
      {t("nav.notifications")}{" "}
      {unread > 0 && (
        <span className="badge badge--count" aria-label={t("notifications.unread", { count: unread })}>
          {unread}
        </span>
      )}
    </NavLink>
  );
}
