import { useTranslation } from "react-i18next";

import { useConversations } from "@/features/chat/api/chat";

export function UnreadBadge() {
  const { t } = useTranslation();
  const list = useConversations(true);
  const unread = list.data?.results.reduce((sum, c) => sum + c.unread_count, 0) ?? 0;
  if (unread === 0) return null;
  return (
    <span className="badge badge--count" data-testid="chat-unread" aria-label={t("chat.unread", { count: unread })}>
      {unread}
    </span>
  );
}
