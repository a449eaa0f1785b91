import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";

import { Empty, ErrorNotice, Loading } from "@/components/States";
import { useFormat } from "@/lib/format";
import { useConversations } from "@/features/chat/api/chat";
import { ChatRoom } from "@/features/chat/components/ChatRoom";

export function ChatPage({ conversationId, myUserId }: { conversationId: number | null; myUserId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useConversations(true);
  return (
    <div className={conversationId ? "chat chat--open" : "chat"}>
      <nav className="chat__list" aria-label={t("chat.conversations")}>
        <h1>{t("nav.chat")}</h1>
        {list.isLoading && <Loading />}
        {list.error && <ErrorNotice error={list.error} />}
        {list.data?.results.length === 0 && <Empty>{t("chat.noConversations")}</Empty>}
        <ul>
          {list.data?.results.map((c) => (
            <li key={c.id}>
              <NavLink to={`/chat/${c.id}`}>
                <strong>{c.title}</strong>
                {c.unread_count > 0 && (
                  <span className="badge badge--count" aria-label={t("chat.unread", { count: c.unread_count })}>
                    {c.unread_count}
                  </span>
                )}
                <small>
                  {t(`chat.kind.${c.kind}`)} {c.last_message_at && `· ${fmt.dateTime(c.last_message_at)}`}
                </small>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {conversationId ? <ChatRoom key={conversationId} conversationId={conversationId} myUserId={myUserId} /> : <p className="muted">{t("chat.pick")}</p>}
    </div>
  );
}
