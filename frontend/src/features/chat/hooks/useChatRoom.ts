import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";

import type { AttachmentImage } from "@/features/chat/api/attachments";
import { ApiError } from "@/lib/api-client";
import { chatSocket, type ConnectionState } from "@/features/chat/lib/socket";
import { conversationsKey, useConversation, useMessageHistory } from "@/features/chat/api/chat";

export interface ChatMessage {
  id: number;
  author_id: number;
  author_name: string;
  text: string;
  created_at: string;
  edited_at: string | null;
  client_message_id: string;
  attachments: AttachmentImage[];
}

export interface PendingMessage {
  client_message_id: string;
  text: string;
  attachments: AttachmentImage[];
}

export interface Presence {
  online: boolean;
  /** when the user was last connected (null while online, or never seen) */
  last_seen: string | null;
}

const TYPING_TTL_MS = 5000; // a typing frame counts for 5 s unless renewed or cancelled

/** A conversation's live state: history from REST, everything newer from the socket. */
export function useChatRoom(conversationId: number, myUserId: number) {
  const client = useQueryClient();
  const conversation = useConversation(conversationId);
  const history = useMessageHistory(conversationId);
  const [messages, setMessages] = useState<Map<number, ChatMessage>>(new Map());
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [typing, setTyping] = useState<Map<number, number>>(new Map());
  const [reads, setReads] = useState<Map<number, number>>(new Map());
  const [presence, setPresence] = useState<Map<number, Presence>>(new Map());
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const lastReadSent = useRef(0);
  /** client_message_id → what this tab sent and the server has not acked yet */
  const sentTexts = useRef(new Map<string, PendingMessage>());
  const [sendError, setSendError] = useState<ApiError | null>(null);

  // History and read markers merge into what the socket already delivered (never replace it).
  useEffect(() => {
    if (!history.data) return;
    const rows = history.data.results;
    setMessages((prev) => {
      const next = new Map(prev);
      for (const m of rows) {
        if (!next.has(m.id)) {
          next.set(m.id, { id: m.id, author_id: m.author, author_name: m.author_name, text: m.text, created_at: m.created_at ?? "", edited_at: m.edited_at ?? null, client_message_id: m.client_message_id, attachments: m.attachments });
        }
      }
      return next;
    });
  }, [history.data]);

  useEffect(() => {
    if (!conversation.data) return;
    const participants = conversation.data.participants;
    setReads((prev) => {
      const next = new Map(prev);
      for (const p of participants) next.set(p.user_id, Math.max(p.last_read_message_id, next.get(p.user_id) ?? 0));
      return next;
    });
  }, [conversation.data]);

  // Subscribe once the first history page is in, after its newest id: the server sends every
  // later message (also those committed meanwhile), then live ones.
  const historyNewest = history.data ? history.data.results.reduce((max, m) => Math.max(max, m.id), 0) : null;
  const subscribed = historyNewest !== null;
  const subscribeAfter = useRef(0);
  if (historyNewest !== null && subscribeAfter.current === 0) subscribeAfter.current = historyNewest;
  useEffect(() => {
    if (!subscribed) return;
    const socket = chatSocket();
    setConnection(socket.state);
    const offState = socket.onState(setConnection);
    const offFrame = socket.onFrame((frame) => {
      if (!("conversation_id" in frame) || frame.conversation_id !== conversationId) return;
      switch (frame.type) {
        case "message":
          setMessages((prev) => new Map(prev).set(frame.id, frame));
          setPending((prev) => prev.filter((p) => p.client_message_id !== frame.client_message_id));
          setTyping((prev) => {
            const next = new Map(prev);
            next.delete(frame.author_id);
            return next;
          });
          break;
        case "ack": {
          // The ack can come before the message's own broadcast: show it as sent right away
          // (under its id, so the broadcast replaces it) instead of letting it vanish meanwhile.
          const mine = sentTexts.current.get(frame.client_message_id);
          sentTexts.current.delete(frame.client_message_id);
          if (mine !== undefined) {
            const sent = { ...mine, id: frame.message_id, author_id: myUserId, author_name: "", created_at: frame.created_at, edited_at: null };
            setMessages((prev) => (prev.has(sent.id) ? prev : new Map(prev).set(sent.id, sent)));
          }
          setPending((prev) => prev.filter((p) => p.client_message_id !== frame.client_message_id));
          break;
        }
        case "subscribed":
          // After every (re)subscription: who is here now (others' changes arrive as `presence`).
          chatSocket().presence(conversationId);
          break;
        case "presence_state":
          setPresence(new Map(frame.users.map((u) => [u.user_id, { online: u.online, last_seen: u.last_seen }])));
          break;
        case "presence":
          setPresence((prev) => new Map(prev).set(frame.user_id, { online: frame.online, last_seen: frame.last_seen }));
          break;
        case "typing":
          if (frame.user_id === myUserId) break;
          setTyping((prev) => {
            const next = new Map(prev);
            if (frame.is_typing) next.set(frame.user_id, Date.now() + TYPING_TTL_MS);
            else next.delete(frame.user_id);
            return next;
          });
          break;
        case "read":
          setReads((prev) => new Map(prev).set(frame.user_id, Math.max(frame.message_id, prev.get(frame.user_id) ?? 0)));
          break;
        case "read_ok":
          // The server moved our marker: the list's unread badge can drop now.
          void client.invalidateQueries({ queryKey: conversationsKey });
          break;
        case "error":
          // A refused send: take it off "sending" and say why.
          if (!frame.client_message_id || !sentTexts.current.has(frame.client_message_id)) break;
          sentTexts.current.delete(frame.client_message_id);
          setPending((prev) => prev.filter((p) => p.client_message_id !== frame.client_message_id));
          setSendError(new ApiError(400, frame.code, frame.message, {}));
          break;
        case "message_edited":
          setMessages((prev) => edited(prev, frame.message_id, frame.text, frame.edited_at));
          break;
        case "message_hidden":
          setMessages((prev) => {
            const next = new Map(prev);
            next.delete(frame.message_id);
            return next;
          });
          break;
        default:
          break;
      }
    });
    socket.subscribe(conversationId, subscribeAfter.current);
    return () => {
      offFrame();
      offState();
      socket.unsubscribe(conversationId);
    };
  }, [conversationId, subscribed, myUserId, client]);

  // Expire stale typing indicators.
  useEffect(() => {
    if (typing.size === 0) return;
    const timer = setInterval(() => {
      setTyping((prev) => new Map([...prev].filter(([, until]) => until > Date.now())));
    }, 1000);
    return () => clearInterval(timer);
  }, [typing.size]);

  const ordered = useMemo(() => [...messages.values()].sort((a, b) => a.id - b.id), [messages]);
  const newestOther = ordered.filter((m) => m.author_id !== myUserId).at(-1)?.id ?? 0;

  // Mark read what is on screen (the socket's `read` moves the marker, others see a receipt).
  useEffect(() => {
    if (newestOther > lastReadSent.current && document.visibilityState === "visible") {
      lastReadSent.current = newestOther;
      chatSocket().read(conversationId, newestOther);
    }
  }, [newestOther, conversationId, client]);

  return {
    conversation,
    loading: history.isLoading || conversation.isLoading,
    error: history.error ?? conversation.error,
    messages: ordered,
    pending,
    typingUsers: [...typing.keys()],
    reads,
    presence,
    connection,
    sendError,
    send: (text: string, attachments: AttachmentImage[] = []) => {
      setSendError(null);
      const id = chatSocket().send(conversationId, text, attachments.map((a) => a.id));
      const mine = { client_message_id: id, text, attachments };
      sentTexts.current.set(id, mine);
      setPending((prev) => [...prev, mine]);
    },
    setTyping: (isTyping: boolean) => chatSocket().typing(conversationId, isTyping),
    /** After the server accepted an edit (its broadcast may come later, or first). */
    showEdit: (message: { id: number; text: string; edited_at?: string | null }) =>
      setMessages((prev) => edited(prev, message.id, message.text, message.edited_at ?? null)),
  };
}

/** The messages with one message's text replaced; the newest edit wins whatever the order. */
function edited(messages: Map<number, ChatMessage>, id: number, text: string, editedAt: string | null): Map<number, ChatMessage> {
  const message = messages.get(id);
  if (!message || (message.edited_at && editedAt && Date.parse(message.edited_at) > Date.parse(editedAt))) return messages;
  return new Map(messages).set(id, { ...message, text, edited_at: editedAt });
}
