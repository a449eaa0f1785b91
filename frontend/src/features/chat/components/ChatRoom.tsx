import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { ReportButton } from "@/components/ReportButton";
import { ErrorNotice, Loading, Empty } from "@/components/States";
import { useFormat } from "@/lib/format";
import { AttachButton, AttachmentDrafts, MessageImages } from "@/features/chat/components/Attachments";
import { MessageBody } from "@/features/chat/components/MessageBody";
import { useAttachmentDrafts } from "@/features/chat/hooks/useAttachmentDrafts";
import { useChatRoom, type Presence } from "@/features/chat/hooks/useChatRoom";
import { MAX_ATTACHMENTS } from "@/features/chat/api/attachments";
import { errorMessage } from "@/lib/errors";

/** "online", or when they were last here; nothing until the server has said. */
function PresenceNote({ presence }: { presence: Presence | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!presence) return null;
  if (presence.online) return <span className="presence presence--online"> · {t("chat.online")}</span>;
  if (!presence.last_seen) return null;
  return <span className="presence"> · {t("chat.lastSeen", { when: fmt.dateTime(presence.last_seen) })}</span>;
}

export function ChatRoom({ conversationId, myUserId }: { conversationId: number; myUserId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const room = useChatRoom(conversationId, myUserId);
  const [draft, setDraft] = useState("");
  const attachments = useAttachmentDrafts();
  const typingSent = useRef(false);
  const bottom = useRef<HTMLLIElement>(null);
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: "end" });
  }, [room.messages.length, room.pending.length]);
  if (room.loading) return <Loading />;
  if (room.error) return <ErrorNotice error={room.error} />;
  const participants = room.conversation.data?.participants ?? [];
  const names = new Map(participants.map((p) => [p.user_id, p.name]));
  const others = participants.filter((p) => p.user_id !== myUserId);
  const myLast = room.messages.filter((m) => m.author_id === myUserId).at(-1);
  const editWindowMs = (room.conversation.data?.edit_window_minutes ?? 0) * 60_000;
  const editableUntil = (m: { created_at: string }) => Date.parse(m.created_at) + editWindowMs;
  const seen = myLast !== undefined && others.some((p) => (room.reads.get(p.user_id) ?? 0) >= myLast.id);
  const submit = () => {
    const text = draft.trim();
    // Wait for uploads still running; refused ones are left out (their reason is on screen).
    if (attachments.uploading || (!text && attachments.ready.length === 0)) return;
    room.send(text, attachments.ready);
    setDraft("");
    attachments.clear();
    typingSent.current = false;
    room.setTyping(false);
  };
  return (
    <section className="room" aria-label={room.conversation.data?.title}>
      <header className="room__head">
        <h2>{room.conversation.data?.title}</h2>
        <p className="muted">
          {others.map((p, index) => (
            <span key={p.user_id} data-testid={`presence-${p.user_id}`}>
              {index > 0 && ", "}
              {p.name}
              <PresenceNote presence={room.presence.get(p.user_id)} />
            </span>
          ))}{" "}
          {(room.connection === "connecting" || room.connection === "reconnecting") && (
            <span className="badge" role="status">
              {t(room.connection === "connecting" ? "chat.connecting" : "chat.reconnecting")}
            </span>
          )}
        </p>
      </header>
      <ol className="messages" aria-live="polite" data-testid="messages">
        {room.messages.length === 0 && room.pending.length === 0 && (
          <li>
            <Empty>{t("chat.empty")}</Empty>
          </li>
        )}
        {room.messages.map((m) => (
          <li key={m.id} className={m.author_id === myUserId ? "msg msg--mine" : "msg"}>
            <span className="msg__author">{m.author_id === myUserId ? t("chat.you") : m.author_name || names.get(m.author_id)}</span>
            <MessageBody message={m} editable={m.author_id === myUserId && m.text !== "" && editableUntil(m) > Date.now()} onEdited={room.showEdit} />
            <MessageImages images={m.attachments} />
            <time dateTime={m.created_at}>{m.created_at && fmt.dateTime(m.created_at)}</time>
            {m.edited_at && <small> · {t("chat.edited")}</small>}
            {m.author_id !== myUserId && <ReportButton kind="message" objectId={m.id} label={t("report.message")} />}
          </li>
        ))}
        {room.pending.map((p) => (
          <li key={p.client_message_id} className="msg msg--mine msg--pending">
            {p.text && <p>{p.text}</p>}
            <MessageImages images={p.attachments} />
            <small>{t("chat.sending")}</small>
          </li>
        ))}
        <li ref={bottom} className="msg__status">
          {seen && <small data-testid="read-receipt">{t("chat.seen")}</small>}
        </li>
      </ol>
      <p className="typing" aria-live="polite">
        {room.typingUsers.length > 0 && t("chat.typing", { name: room.typingUsers.map((id) => names.get(id) ?? "…").join(", ") })}
      </p>
      {room.sendError && (
        <p role="alert" className="error">
          {errorMessage(room.sendError, t)}
        </p>
      )}
      <AttachmentDrafts drafts={attachments.drafts} tooMany={attachments.tooMany} onRemove={attachments.remove} />
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label htmlFor="composer" className="sr-only">
          {t("chat.message")}
        </label>
        <textarea
          id="composer"
          rows={2}
          value={draft}
          placeholder={t("chat.placeholder")}
          onChange={(event) => {
            setDraft(event.target.value);
            const typingNow = event.target.value.length > 0;
            if (typingNow !== typingSent.current) {
              typingSent.current = typingNow;
              room.setTyping(typingNow);
            }
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <AttachButton onFiles={attachments.add} disabled={attachments.drafts.filter((d) => !d.error).length >= MAX_ATTACHMENTS} />
        <button type="submit" className="button" disabled={attachments.uploading}>
          {t("chat.send")}
        </button>
      </form>
    </section>
  );
}
