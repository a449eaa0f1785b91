// One websocket per tab at /ws/chat/ carrying every conversation (docs/chat.md). It reconnects
// with backoff, re-subscribes with after_id = the highest id it holds (so nothing is lost), and
// resends unacked messages with the same client_message_id (the server drops duplicates).

import type { AttachmentImage } from "@/features/chat/api/attachments";

export interface MessageFrame {
  type: "message";
  id: number;
  conversation_id: number;
  author_id: number;
  author_name: string;
  text: string;
  client_message_id: string;
  created_at: string;
  /** null unless edited (a catch-up carries the current text) */
  edited_at: string | null;
  /** in the sender's order; [] when none */
  attachments: AttachmentImage[];
}

export type ServerFrame =
  | MessageFrame
  | { type: "ack"; conversation_id: number; client_message_id: string; message_id: number; created_at: string; duplicate: boolean }
  | { type: "subscribed"; conversation_id: number; last_message_id: number; complete: boolean }
  | { type: "typing"; conversation_id: number; user_id: number; is_typing: boolean }
  | { type: "read"; conversation_id: number; user_id: number; message_id: number }
  | { type: "read_ok"; conversation_id: number; message_id: number }
  | { type: "presence"; conversation_id: number; user_id: number; online: boolean; last_seen: string | null }
  | { type: "message_hidden"; conversation_id: number; message_id: number }
  | { type: "message_edited"; conversation_id: number; message_id: number; text: string; edited_at: string }
  | { type: "notification"; id: number; kind: string; created_at: string }
  | { type: "error"; code: string; message: string; conversation_id?: number; client_message_id?: string }
  | { type: "presence_state"; conversation_id: number; users: { user_id: number; online: boolean; last_seen: string | null }[] }
  | { type: "pong" | "unsubscribed" };

/**
 * "connecting" until the first open, "reconnecting" while a lost connection is being restored
 * (the UI only warns about the latter), "closed" once stopped.
 */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

interface PendingSend {
  conversation_id: number;
  client_message_id: string;
  text: string;
  /** ids of my attachment uploads */
  attachments?: number[];
}

type Listener = (frame: ServerFrame) => void;
type StateListener = (state: ConnectionState) => void;

const PING_MS = 25_000; // docs/chat.md: clients ping every 25 s to stay online
const MAX_BACKOFF_MS = 10_000;

export class ChatSocket {
  private ws: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<StateListener>();
  /** conversation id → the highest message id this client holds */
  private readonly watermarks = new Map<number, number>();
  private readonly pending = new Map<string, PendingSend>();
  private attempt = 0;
  private ping: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private everOpened = false;
  state: ConnectionState = "closed";

  constructor(private readonly url: string, private readonly factory: (url: string) => WebSocket = (u) => new WebSocket(u)) {}

  start(): void {
    this.stopped = false;
    if (!this.ws) this.open();
  }

  stop(): void {
    this.stopped = true;
    this.everOpened = false;
    clearTimeout(this.retry);
    clearInterval(this.ping);
    this.ws?.close();
    this.ws = null;
  }

  onFrame(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  subscribe(conversationId: number, afterId: number): void {
    this.watermarks.set(conversationId, Math.max(afterId, this.watermarks.get(conversationId) ?? 0));
    this.sendFrame(this.subscribeFrame(conversationId));
  }

  unsubscribe(conversationId: number): void {
    this.watermarks.delete(conversationId);
    this.sendFrame({ type: "unsubscribe", conversation_id: conversationId });
  }

  send(conversationId: number, text: string, attachmentIds: number[] = [], clientMessageId: string = crypto.randomUUID()): string {
    const frame: PendingSend = { conversation_id: conversationId, client_message_id: clientMessageId, text };
    if (attachmentIds.length > 0) frame.attachments = attachmentIds;
    this.pending.set(clientMessageId, frame);
    this.sendFrame({ type: "send", ...frame });
    return clientMessageId;
  }

  typing(conversationId: number, isTyping: boolean): void {
    this.sendFrame({ type: "typing", conversation_id: conversationId, is_typing: isTyping });
  }

  /** Ask who in the conversation is online (answered by `presence_state`). */
  presence(conversationId: number): void {
    this.sendFrame({ type: "presence", conversation_id: conversationId });
  }

  read(conversationId: number, messageId: number): void {
    this.sendFrame({ type: "read", conversation_id: conversationId, message_id: messageId });
  }

  // Always with after_id (0 for an empty history): a message committed between the history
  // fetch and the subscription then still arrives, as part of the catch-up.
  private subscribeFrame(conversationId: number): object {
    const after = this.watermarks.get(conversationId) ?? 0;
    return { type: "subscribe", conversation_id: conversationId, after_id: after };
  }

  private sendFrame(frame: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private open(): void {
    this.setState(this.everOpened ? "reconnecting" : "connecting");
    const ws = this.factory(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.everOpened = true;
      this.setState("open");
      for (const conversationId of this.watermarks.keys()) this.sendFrame(this.subscribeFrame(conversationId));
      for (const pending of this.pending.values()) this.sendFrame({ type: "send", ...pending });
      clearInterval(this.ping);
      this.ping = setInterval(() => this.sendFrame({ type: "ping" }), PING_MS);
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === "message") {
        const held = this.watermarks.get(frame.conversation_id);
        if (held !== undefined && frame.id > held) this.watermarks.set(frame.conversation_id, frame.id);
        this.pending.delete(frame.client_message_id);
      } else if (frame.type === "ack") {
        this.pending.delete(frame.client_message_id);
      } else if (frame.type === "error" && frame.client_message_id) {
        // A refused send (e.g. attachment_not_found) stays refused: resending it would not help.
        this.pending.delete(frame.client_message_id);
      }
      for (const listener of this.listeners) listener(frame);
    };
    ws.onclose = () => {
      clearInterval(this.ping);
      this.ws = null;
      if (this.stopped) {
        this.setState("closed");
        return;
      }
      this.setState(this.everOpened ? "reconnecting" : "connecting");
      // 0.5 s, 1 s, 2 s … capped at 10 s: quick after a blip, gentle during an outage.
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt);
      this.attempt += 1;
      this.retry = setTimeout(() => this.open(), delay);
    };
  }
}

let shared: ChatSocket | null = null;

/** The tab's one socket, started on first use. */
export function chatSocket(): ChatSocket {
  if (!shared) {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    shared = new ChatSocket(`${scheme}://${window.location.host}/ws/chat/`);
  }
  shared.start();
  return shared;
}

export function stopChatSocket(): void {
  shared?.stop();
  shared = null;
}
